package org.tremplin.platform.config;

import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.tremplin.project.upcasting.IdeaSubmittedEventUpcaster0To1;
import org.tremplin.project.upcasting.ReviewRecordedEventUpcaster0To1;

/**
 * The event upcasters. Axon's Spring Boot auto-configuration registers every {@link EventUpcaster} bean,
 * in {@link Order} order, into the upcaster chain that {@link AxonConfig#eventStorageEngine} hands to the
 * JDBC storage engine, so aggregates, tracking processors and history reads all see today's revisions.
 * Keep the steps of one event type in revision order (0 to 1 before 1 to 2).
 */
@Configuration
public class UpcasterConfig {

    @Bean
    @Order(100)
    public EventUpcaster ideaSubmittedEventUpcaster0To1() {
        return new IdeaSubmittedEventUpcaster0To1();
    }

    @Bean
    @Order(200)
    public EventUpcaster reviewRecordedEventUpcaster0To1() {
        return new ReviewRecordedEventUpcaster0To1();
    }

    @Bean
    @Order(300)
    public EventUpcaster paymentMadeEventUpcaster1To2() {
        return new org.tremplin.funding.upcasting.PaymentMadeEventUpcaster1To2();
    }

    @Bean
    @Order(400)
    public EventUpcaster labelGrantedEventUpcaster1To2() {
        return new org.tremplin.project.upcasting.LabelDecisionUpcaster1To2(
                org.tremplin.project.upcasting.LabelDecisionUpcaster1To2.GRANTED);
    }

    @Bean
    @Order(401)
    public EventUpcaster labelRefusedEventUpcaster1To2() {
        return new org.tremplin.project.upcasting.LabelDecisionUpcaster1To2(
                org.tremplin.project.upcasting.LabelDecisionUpcaster1To2.REFUSED);
    }

    @Bean
    @Order(500)
    public EventUpcaster reviewersAssignedEventUpcaster1To2() {
        return new org.tremplin.project.upcasting.ReviewersAssignedEventUpcaster1To2();
    }
}
