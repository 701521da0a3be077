package org.tremplin.platform.config;

import org.axonframework.common.Registration;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tremplin.organisation.api.FindOrganisationQuery;
import org.tremplin.organisation.api.OrganisationView;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.messaging.responsetypes.ResponseTypes.optionalInstanceOf;

/**
 * The query bus opens no transaction of its own ({@link AxonConfig#queryBus}): a query made outside a transaction runs
 * without one, a query made inside one runs in it, and the read models answer the same either way.
 */
class QueryTransactionsTest extends ApiTestSupport {

    private static final String IN_TRANSACTION = "tremplin.test.inTransaction";

    @Autowired
    private QueryBus queryBus;
    @Autowired
    private QueryGateway queryGateway;
    @Autowired
    private PlatformTransactionManager transactionManager;

    @Test
    void a_query_runs_in_the_callers_transaction_and_opens_none_of_its_own() {
        Registration registration = queryBus.subscribe(IN_TRANSACTION, Boolean.class,
                query -> TransactionSynchronizationManager.isActualTransactionActive());
        try {
            assertThat(queryGateway.query(IN_TRANSACTION, "outside", Boolean.class).join())
                    .as("a query outside any transaction").isFalse();
            Boolean inside = new TransactionTemplate(transactionManager).execute(status ->
                    queryGateway.query(IN_TRANSACTION, "inside", Boolean.class).join());
            assertThat(inside).as("a query inside a transaction").isTrue();
        } finally {
            registration.cancel();
        }

        String id = newOrganisation("Queried Outside And Inside", "SME", newUser("queried", Roles.CARRIER));
        Optional<OrganisationView> outside = queryGateway.query(new FindOrganisationQuery(id),
                optionalInstanceOf(OrganisationView.class)).join();
        Optional<OrganisationView> inside = new TransactionTemplate(transactionManager).execute(status ->
                queryGateway.query(new FindOrganisationQuery(id), optionalInstanceOf(OrganisationView.class)).join());
        assertThat(outside).isPresent().isEqualTo(inside);
        assertThat(outside.get().members()).isNotEmpty();
    }
}
