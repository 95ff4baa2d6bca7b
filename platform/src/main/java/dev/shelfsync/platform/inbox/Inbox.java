package dev.shelfsync.platform.inbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;
import java.util.function.Predicate;

/** Remembers applied message ids in the consuming transaction, so a redelivered message changes nothing. */
@ApplicationScoped
public class Inbox {

    private final Pool pool;

    public Inbox(Pool pool) {
        this.pool = pool;
    }

    /** @return true when the message is new and its effect must be applied in the same transaction */
    public Uni<Boolean> firstDelivery(SqlConnection tx, String messageId) {
        return tx.preparedQuery("insert into processed_message (message_id) values ($1) on conflict do nothing")
                .execute(Tuple.of(messageId))
                .map(result -> result.rowCount() == 1);
    }

    /** Runs the message's effect in one transaction with its inbox row; a message seen before does nothing. */
    public Uni<Void> once(String messageId, Function<SqlConnection, Uni<Void>> effect) {
        return pool.withTransaction(tx -> firstDelivery(tx, messageId)
                .flatMap(first -> first ? effect.apply(tx) : Uni.createFrom().voidItem()));
    }

    /**
     * As {@link #once}, with a result, for work a deadlock or a lost race can fail: the whole transaction, inbox row
     * included, is run again up to {@code retries} times while {@code retryable} says so.
     *
     * @param messageId the message applied; null for an API call, which has no inbox row
     * @return what {@code work} returned, or null when the message was applied before
     */
    public <T> Uni<T> onceRetrying(
            String messageId, Predicate<Throwable> retryable, int retries, Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(
                        tx -> (messageId == null ? Uni.createFrom().item(true) : firstDelivery(tx, messageId))
                                .flatMap(first -> first
                                        ? work.apply(tx)
                                        : Uni.createFrom().<T>nullItem()))
                .onFailure(retryable)
                .retry()
                .atMost(retries);
    }
}
