package org.tremplin.platform.config;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.slf4j.MDC;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Stamps every command with who acts and the request's correlation id, unless the sender (a process
 * step) already did. Events inherit these through {@link AxonConfig#stepMetadataProvider()}.
 */
@Component
public class ActorMetadataInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    public ActorMetadataInterceptor(CommandGateway commandGateway) {
        commandGateway.registerDispatchInterceptor(this);
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            Map<String, Object> added = new HashMap<>();
            if (!command.getMetaData().containsKey(StepMetadata.ACTOR)) {
                Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
                if (authentication != null && authentication.isAuthenticated()) {
                    added.put(StepMetadata.ACTOR, authentication.getName());
                    added.put(StepMetadata.ROLES, authentication.getAuthorities().stream()
                            .map(GrantedAuthority::getAuthority)
                            .map(a -> a.startsWith("ROLE_") ? a.substring(5) : a)
                            .sorted()
                            .collect(Collectors.joining(",")));
                } else {
                    added.put(StepMetadata.ACTOR, StepMetadata.SYSTEM_ACTOR);
                    added.put(StepMetadata.ROLES, "");
                }
            }
            if (!command.getMetaData().containsKey(StepMetadata.CORRELATION_ID)) {
                String correlationId = MDC.get(StepMetadata.CORRELATION_ID);
                added.put(StepMetadata.CORRELATION_ID, correlationId != null ? correlationId : UUID.randomUUID().toString());
            }
            return added.isEmpty() ? command : command.andMetaData(added);
        };
    }
}
