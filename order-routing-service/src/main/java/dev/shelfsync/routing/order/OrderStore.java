package dev.shelfsync.routing.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelfsync.contracts.channels.OrderLine;
import dev.shelfsync.contracts.channels.OrderReceived;
import dev.shelfsync.contracts.inventory.Allocation;
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
import java.util.Map;
import java.util.Optional;

/** SQL for orders, their lines, allocations, shipments and history; always inside the caller's transaction. */
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

    private final ObjectMapper mapper;

    public OrderStore(ObjectMapper mapper) {
        this.mapper = mapper;
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
        JsonObject shipTo = order.shipTo() == null ? null : json(order.shipTo());
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
                .execute(Tuple.of(orderId, attempt, new JsonArray().add(json(explanation))))
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
                .execute(Tuple.of(orderId, json(answer), answeredAt.toString()))
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

    /**
     * Marks the given shipment, or every shipment of the order, delivered (once).
     *
     * @return ids of the shipments newly marked
     */
    public Uni<List<Long>> markDelivered(SqlConnection tx, String orderId, Long shipmentId) {
        return tx.preparedQuery(
                        """
                        update shipment set delivered_at = now()
                         where order_id = $1 and ($2::bigint is null or id = $2) and delivered_at is null
                        returning id
                        """)
                .execute(Tuple.of(orderId, shipmentId))
                .map(rows -> {
                    List<Long> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getLong("id")));
                    ids.sort(null);
                    return ids;
                });
    }

    public Uni<Void> saveAllocations(SqlConnection tx, String orderId, List<Allocation> allocations) {
        if (allocations.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = allocations.stream()
                .map(a -> Tuple.of(orderId, a.lineId(), a.sku(), a.locationId(), a.quantity()))
                .toList();
        return tx.preparedQuery(
                        """
                        insert into order_allocation (order_id, line_id, sku, location_id, quantity)
                        values ($1, $2, $3, $4, $5) on conflict do nothing
                        """)
                .executeBatch(rows)
                .replaceWithVoid();
    }

    public Uni<List<OrderView.AllocationView>> allocations(SqlClient client, String orderId) {
        return client.preparedQuery(
                        """
                        select line_id, sku, location_id, quantity, shipment_id from order_allocation
                         where order_id = $1 order by location_id, line_id
                        """)
                .execute(Tuple.of(orderId))
                .map(rows -> {
                    List<OrderView.AllocationView> allocations = new ArrayList<>();
                    rows.forEach(row -> allocations.add(new OrderView.AllocationView(
                            row.getString("line_id"),
                            row.getString("sku"),
                            row.getString("location_id"),
                            row.getInteger("quantity"),
                            row.getLong("shipment_id"))));
                    return allocations;
                });
    }

    public Uni<Long> insertShipment(
            SqlConnection tx, String orderId, String locationId, String carrier, String trackingNumber) {
        return tx.preparedQuery(
                        """
                        insert into shipment (order_id, location_id, carrier, tracking_number)
                        values ($1, $2, $3, $4) returning id
                        """)
                .execute(Tuple.of(orderId, locationId, carrier, trackingNumber))
                .map(rows -> rows.iterator().next().getLong("id"))
                .flatMap(id -> tx.preparedQuery(
                                """
                                update order_allocation set shipment_id = $3
                                 where order_id = $1 and location_id = $2 and shipment_id is null
                                """)
                        .execute(Tuple.of(orderId, locationId, id))
                        .replaceWith(id));
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

    public Uni<OrderView> view(SqlClient client, String orderId) {
        return client.preparedQuery(
                        """
                        select id, channel_id, channel_type, external_order_id, state, ship_to, attempts,
                               explanation, created_at, retry_at
                          from customer_order where id = $1
                        """)
                .execute(Tuple.of(orderId))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().nullItem();
                    }
                    Row order = rows.iterator().next();
                    return lines(client, orderId).flatMap(lines -> allocations(client, orderId)
                            .flatMap(allocations -> shipments(client, orderId).flatMap(shipments -> history(
                                            client, orderId)
                                    .map(history -> new OrderView(
                                            order.getString("id"),
                                            order.getString("channel_id"),
                                            order.getString("channel_type"),
                                            order.getString("external_order_id"),
                                            order.getString("state"),
                                            tree(order.getValue("ship_to")),
                                            order.getInteger("attempts"),
                                            lines.stream()
                                                    .map(l -> new OrderView.Line(l.lineId(), l.sku(), l.quantity()))
                                                    .toList(),
                                            allocations,
                                            shipments,
                                            history,
                                            tree(order.getValue("explanation")),
                                            order.getOffsetDateTime("created_at"),
                                            order.getOffsetDateTime("retry_at"))))));
                });
    }

    public Uni<List<OrderView.ShipmentView>> shipments(SqlClient client, String orderId) {
        return client.preparedQuery(
                        "select id, location_id, carrier, tracking_number, shipped_at, delivered_at from shipment"
                                + " where order_id = $1 order by id")
                .execute(Tuple.of(orderId))
                .map(rows -> {
                    List<OrderView.ShipmentView> shipments = new ArrayList<>();
                    rows.forEach(row -> shipments.add(new OrderView.ShipmentView(
                            row.getLong("id"),
                            row.getString("location_id"),
                            row.getString("carrier"),
                            row.getString("tracking_number"),
                            row.getOffsetDateTime("shipped_at"),
                            row.getOffsetDateTime("delivered_at"))));
                    return shipments;
                });
    }

    private Uni<List<OrderView.HistoryEntry>> history(SqlClient client, String orderId) {
        return client.preparedQuery(
                        "select state, cause, occurred_at from order_history where order_id = $1 order by id")
                .execute(Tuple.of(orderId))
                .map(rows -> {
                    List<OrderView.HistoryEntry> history = new ArrayList<>();
                    rows.forEach(row -> history.add(new OrderView.HistoryEntry(
                            row.getString("state"), row.getString("cause"), row.getOffsetDateTime("occurred_at"))));
                    return history;
                });
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
                    tree(row.getValue("ship_to"))));
        });
    }

    @SuppressWarnings("unchecked")
    private JsonObject json(Object value) {
        return new JsonObject(mapper.convertValue(value, Map.class));
    }

    private JsonNode tree(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return mapper.readTree(value.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }
}
