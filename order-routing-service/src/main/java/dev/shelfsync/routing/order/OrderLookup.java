package dev.shelfsync.routing.order;

import dev.shelfsync.platform.problem.NotFoundProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads an order as the API shows it. */
@ApplicationScoped
public class OrderLookup {

    private final Pool pool;
    private final OrderStore store;

    public OrderLookup(Pool pool, OrderStore store) {
        this.pool = pool;
        this.store = store;
    }

    public Uni<OrderView> find(String orderId) {
        return store.view(pool, orderId).map(view -> {
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
}
