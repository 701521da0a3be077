package org.tremplin.platform.process;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;
import org.tremplin.platform.web.DatabaseOutOfReach;

import java.util.List;

/** Checks HTTP basic credentials against Camunda's identity service; the user's groups become roles. */
@Component
public class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identityService;
    private final CommandExecutor commands;
    private final VerifiedCredentials verifiedCredentials;

    public CamundaIdentityAuthenticationProvider(IdentityService identityService, ProcessEngine processEngine,
                                                 VerifiedCredentials verifiedCredentials) {
        this.identityService = identityService;
        this.verifiedCredentials = verifiedCredentials;
        this.commands = ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
                .getCommandExecutorTxRequired();
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String userId = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (userId == null || credentials == null) {
            throw new BadCredentialsException("Unknown user or wrong password");
        }
        String password = credentials.toString();
        // the same credentials verified a few seconds ago: no engine command (only successes are remembered)
        List<String> groups = verifiedCredentials.groupsIfVerified(userId, password);
        if (groups == null) {
            VerifiedCredentials.Ticket ticket = verifiedCredentials.beforeCheck();
            // the password check and the groups in one engine command (one transaction); a wrong password commits its
            // failed attempt (login throttling) before the refusal is thrown, outside the command
            try {
                groups = commands.execute(context -> identityService.checkPassword(userId, password) ? groupsOf(userId) : null);
            } catch (RuntimeException e) {
                if (DatabaseOutOfReach.of(e) != null) {
                    // not a refusal of the person: the entry point answers 503 and asks to come back (SecurityConfig)
                    throw new InternalAuthenticationServiceException("The password could not be checked", e);
                }
                throw e;
            }
            if (groups == null) {
                verifiedCredentials.refused(userId);
                throw new BadCredentialsException("Unknown user or wrong password");
            }
            verifiedCredentials.verified(ticket, userId, password, groups);
        }
        List<SimpleGrantedAuthority> authorities = groups.stream()
                .map(group -> new SimpleGrantedAuthority("ROLE_" + group))
                .toList();
        return UsernamePasswordAuthenticationToken.authenticated(userId, null, authorities);
    }

    List<String> groupsOf(String userId) {
        return identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
