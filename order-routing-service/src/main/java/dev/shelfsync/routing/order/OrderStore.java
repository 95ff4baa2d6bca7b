package dev.shelfsync.routing.order;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shelfsync.contracts.channels.OrderLine;
import dev.shelfsync.contracts.channels.OrderReceived;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SQL for an order's lifecycle: the order row and its lines, state changes with their history, routing attempts and
 * retries, and cancellations that came first; always inside the caller's transaction.
 */
@ApplicationScoped
public class OrderStore {

    /** The order row as the state machine needs it. */
    public record OrderRow(
            String id,
            String channelId,
            String channelType,
            String externalOrderId,
            OrderState state,
            int attempts,
            String correlationId,
            JsonNode shipTo) {}

    private static final String COLUMNS =
            "id, channel_id, channel_type, external_order_id, state, attempts, correlation_id, ship_to";

    private final OrderJson json;

    public OrderStore(OrderJson json) {
        this.json = json;
    }

    /** Serialises everything about one channel order across replicas, including a cancel before its order. */
    public Uni<Void> lockExternal(SqlConnection tx, String channelId, String externalOrderId) {
        return tx.preparedQuery("select pg_advisory_xact_lock(hashtext($1), hashtext($2))")
                .execute(Tuple.of(channelId, externalOrderId))
                .replaceWithVoid();
    }

    public Uni<Optional<OrderRow>> findForUpdate(SqlConnection tx, String orderId) {
        return one(tx, "select " + COLUMNS + " from customer_order where id = $1 for update", Tuple.of(orderId));
    }

    public Uni<Optional<OrderRow>> find(SqlClient client, String orderId) {
        return one(client, "select " + COLUMNS + " from customer_order where id = $1", Tuple.of(orderId));
    }

    public Uni<Optional<OrderRow>> findByExternal(SqlClient client, String channelId, String externalOrderId) {
        return one(
                client,
                "select " + COLUMNS + " from customer_order where channel_id = $1 and external_order_id = $2",
                Tuple.of(channelId, externalOrderId));
    }

    public Uni<Void> insert(SqlConnection tx, String orderId, OrderReceived order, String correlationId) {
        JsonObject shipTo = order.shipTo() == null ? null : json.object(order.shipTo());
        Tuple params = Tuple.tuple()
                .addString(orderId)
                .addString(order.channelId())
                .addString(order.channelType())
                .addString(order.externalOrderId())
                .addValue(shipTo)
                .addString(correlationId);
        List<Tuple> lines = order.lines().stream()
                .map(line -> Tuple.of(orderId, line.lineId(), line.sku(), line.quantity()))
                .toList();
        return tx.preparedQuery(
                        """
                        insert into customer_order (id, channel_id, channel_type, external_order_id, state, ship_to,
                                                    correlation_id)
                        values ($1, $2, $3, $4, 'received', $5, $6)
                        """)
                .execute(params)
                .flatMap(done -> tx.preparedQuery(
                                "insert into order_line (order_id, line_id, sku, quantity) values ($1, $2, $3, $4)")
                        .executeBatch(lines))
                .flatMap(done -> history(tx, orderId, OrderState.RECEIVED, "order received from " + order.channelId()));
    }

    public Uni<List<OrderLine>> lines(SqlClient client, String orderId) {
        return client.preparedQuery(
                        "select line_id, sku, quantity from order_line where order_id = $1 order by line_id")
                .execute(Tuple.of(orderId))
                .map(rows -> {
                    List<OrderLine> lines = new ArrayList<>();
                    rows.forEach(row -> lines.add(
                            new OrderLine(row.getString("line_id"), row.getString("sku"), row.getInteger("quantity"))));
                    return lines;
                });
    }

    public Uni<Void> transition(SqlConnection tx, String orderId, OrderState state, String cause) {
        return tx.preparedQuery("update customer_order set state = $2, updated_at = now() where id = $1")
                .execute(Tuple.of(orderId, state.code()))
                .flatMap(done -> history(tx, orderId, state, cause));
    }

    public Uni<Void> history(SqlConnection tx, String orderId, OrderState state, String cause) {
        return tx.preparedQuery("insert into order_history (order_id, state, cause) values ($1, $2, $3)")
                .execute(Tuple.of(orderId, state.code(), cause))
                .replaceWithVoid();
    }

    /** Counts an attempt and appends its explanation to the order's routing record. */
    public Uni<Void> recordAttempt(SqlConnection tx, String orderId, int attempt, Object explanation) {
        return tx.preparedQuery(
                        """
                        update customer_order set attempts = $2, updated_at = now(), retry_at = null,
                               explanation = coalesce(explanation, '[]'::jsonb) || $3::jsonb
                         where id = $1
                        """)
                .execute(Tuple.of(orderId, attempt, new JsonArray().add(json.object(explanation))))
                .replaceWithVoid();
    }

    /** Adds inventory's answer and when it arrived to the latest attempt's entry. */
    public Uni<Void> recordAnswer(SqlConnection tx, String orderId, Object answer, Instant answeredAt) {
        return tx.preparedQuery(
                        """
                        update customer_order
                           set explanation = jsonb_set(
                                   jsonb_set(explanation,
                                             array[(jsonb_array_length(explanation) - 1)::text, 'answer'], $2::jsonb),
                                   array[(jsonb_array_length(explanation) - 1)::text, 'answeredAt'], to_jsonb($3::text))
                         where id = $1 and jsonb_typeof(explanation) = 'array' and jsonb_array_length(explanation) > 0
                        """)
                .execute(Tuple.of(orderId, json.object(answer), answeredAt.toString()))
                .replaceWithVoid();
    }

    /** When inventory's answer to the latest attempt arrived. */
    public Uni<Optional<Instant>> lastAnsweredAt(SqlConnection tx, String orderId) {
        return tx.preparedQuery("select explanation -> -1 ->> 'answeredAt' as at from customer_order where id = $1")
                .execute(Tuple.of(orderId))
                .map(rows -> {
                    String at = rows.size() == 0 ? null : rows.iterator().next().getString("at");
                    return at == null ? Optional.empty() : Optional.of(Instant.parse(at));
                });
    }

    /** Asks for a re-rank of a refused order once {@code pause} is over (database clock). */
    public Uni<Void> scheduleRetry(SqlConnection tx, String orderId, Duration pause) {
        return tx.preparedQuery(
                        "update customer_order set retry_at = now() + make_interval(secs => $2), updated_at = now()"
                                + " where id = $1")
                .execute(Tuple.of(orderId, pause.toMillis() / 1000.0))
                .replaceWithVoid();
    }

    /** How long until the earliest received order's re-rank is due (zero or negative: now); null when none waits. */
    public Uni<Duration> nextRetryDue(SqlClient client) {
        return client.query("select extract(epoch from min(retry_at) - now()) * 1000 as due_in_ms from customer_order"
                        + " where state = 'received' and retry_at is not null")
                .execute()
                .map(rows -> {
                    Double dueIn = rows.iterator().next().getDouble("due_in_ms");
                    return dueIn == null ? null : Duration.ofMillis((long) Math.ceil(dueIn));
                });
    }

    /** Locks one received order whose re-rank is due; rows locked by another replica are skipped. */
    public Uni<Optional<OrderRow>> claimDueRetry(SqlConnection tx) {
        return one(
                tx,
                "select " + COLUMNS + " from customer_order where state = 'received' and retry_at <= now()"
                        + " order by retry_at limit 1 for update skip locked",
                Tuple.tuple());
    }

    /** @return the reason of a cancel that arrived before this order, if any */
    public Uni<Optional<String>> earlyCancellation(SqlConnection tx, String channelId, String externalOrderId) {
        return tx.preparedQuery("select coalesce(reason, '') as reason from early_cancellation"
                        + " where channel_id = $1 and external_order_id = $2")
                .execute(Tuple.of(channelId, externalOrderId))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(rows.iterator().next().getString("reason")));
    }

    public Uni<Void> rememberCancellation(SqlConnection tx, String channelId, String externalOrderId, String reason) {
        return tx.preparedQuery(
                        """
                        insert into early_cancellation (channel_id, external_order_id, reason) values ($1, $2, $3)
                        on conflict do nothing
                        """)
                .execute(Tuple.of(channelId, externalOrderId, reason))
                .replaceWithVoid();
    }

    private Uni<Optional<OrderRow>> one(SqlClient client, String sql, Tuple params) {
        return client.preparedQuery(sql).execute(params).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            return Optional.of(new OrderRow(
                    row.getString("id"),
                    row.getString("channel_id"),
                    row.getString("channel_type"),
                    row.getString("external_order_id"),
                    OrderState.of(row.getString("state")),
                    row.getInteger("attempts"),
                    row.getString("correlation_id"),
                    json.tree(row.getValue("ship_to"))));
        });
    }
}
