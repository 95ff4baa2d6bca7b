package dev.shelfsync.routing.order;

import dev.shelfsync.platform.problem.NotFoundProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Reads an order as the API shows it: its lines, allocations, shipments, history and routing explanation. */
@ApplicationScoped
public class OrderLookup {

    private final Pool pool;
    private final OrderStore store;
    private final FulfilmentStore fulfilments;
    private final OrderJson json;

    public OrderLookup(Pool pool, OrderStore store, FulfilmentStore fulfilments, OrderJson json) {
        this.pool = pool;
        this.store = store;
        this.fulfilments = fulfilments;
        this.json = json;
    }

    public Uni<OrderView> find(String orderId) {
        return view(pool, orderId).map(view -> {
            if (view == null) {
                throw new NotFoundProblem("No order " + orderId + ".");
            }
            return view;
        });
    }

    public Uni<OrderView> findByExternal(String channelId, String externalOrderId) {
        return store.findByExternal(pool, channelId, externalOrderId)
                .map(found -> found.orElseThrow(
                        () -> new NotFoundProblem("No order " + externalOrderId + " from channel " + channelId + ".")))
                .flatMap(row -> find(row.id()));
    }

    /** The order as the API shows it, or null when there is none. */
    Uni<OrderView> view(SqlClient client, String orderId) {
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
                    return store.lines(client, orderId).flatMap(lines -> fulfilments
                            .allocations(client, orderId)
                            .flatMap(allocations -> fulfilments
                                    .shipments(client, orderId)
                                    .flatMap(shipments -> history(client, orderId)
                                            .map(history -> new OrderView(
                                                    order.getString("id"),
                                                    order.getString("channel_id"),
                                                    order.getString("channel_type"),
                                                    order.getString("external_order_id"),
                                                    order.getString("state"),
                                                    json.tree(order.getValue("ship_to")),
                                                    order.getInteger("attempts"),
                                                    lines.stream()
                                                            .map(l -> new OrderView.Line(
                                                                    l.lineId(), l.sku(), l.quantity()))
                                                            .toList(),
                                                    allocations,
                                                    shipments,
                                                    history,
                                                    json.tree(order.getValue("explanation")),
                                                    order.getOffsetDateTime("created_at"),
                                                    order.getOffsetDateTime("retry_at"))))));
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
}
