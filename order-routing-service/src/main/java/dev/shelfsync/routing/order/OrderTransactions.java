package dev.shelfsync.routing.order;

import dev.shelfsync.platform.inbox.Inbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;

/**
 * One transaction per order change, with the inbox row of the message that caused it (so a redelivery changes
 * nothing); deadlocks, serialisation failures and a concurrent insert of the same order are retried.
 */
@ApplicationScoped
public class OrderTransactions {

    private static final int DEADLOCK_RETRIES = 5;

    private final Inbox inbox;

    public OrderTransactions(Inbox inbox) {
        this.inbox = inbox;
    }

    <T> Uni<T> inTransaction(String messageId, Function<SqlConnection, Uni<T>> work) {
        return inbox.onceRetrying(messageId, OrderTransactions::isRetryable, DEADLOCK_RETRIES, work);
    }

    /** Deadlocks, serialisation failures and a concurrent insert of the same order are retried. */
    private static boolean isRetryable(Throwable failure) {
        return failure instanceof PgException pg
                && ("40P01".equals(pg.getSqlState())
                        || "40001".equals(pg.getSqlState())
                        || "23505".equals(pg.getSqlState()));
    }
}
