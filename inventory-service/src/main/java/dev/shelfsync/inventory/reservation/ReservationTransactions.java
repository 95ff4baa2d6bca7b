package dev.shelfsync.inventory.reservation;

import dev.shelfsync.inventory.stock.StockService;
import dev.shelfsync.platform.inbox.Inbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;

/**
 * The transaction every reservation command runs in, reserving or settling alike: the command message is applied at
 * most once (inbox) and the whole transaction is tried again after a deadlock or serialization failure.
 */
@ApplicationScoped
public class ReservationTransactions {

    private static final int DEADLOCK_RETRIES = 5;

    private final Inbox inbox;

    public ReservationTransactions(Inbox inbox) {
        this.inbox = inbox;
    }

    /**
     * @param messageId id of the command message, recorded in the same transaction; null for API calls
     * @return what {@code work} returned, or null when the message was applied before
     */
    <T> Uni<T> inTransaction(String messageId, Function<SqlConnection, Uni<T>> work) {
        return inbox.onceRetrying(messageId, StockService::isRetryable, DEADLOCK_RETRIES, work);
    }
}
