package dev.shelfsync.gateway.inbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Remembers applied message ids in the consuming transaction, so a redelivered message changes nothing. */
@ApplicationScoped
public class Inbox {

    /** @return true when the message is new and its effect must be applied in the same transaction */
    public Uni<Boolean> firstDelivery(SqlConnection tx, String messageId) {
        return tx.preparedQuery("insert into processed_message (message_id) values ($1) on conflict do nothing")
                .execute(Tuple.of(messageId))
                .map(result -> result.rowCount() == 1);
    }
}
