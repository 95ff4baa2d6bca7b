package dev.shelfsync.inventory.rebalance;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.Map;
import java.util.TreeMap;

/** The fences on one SKU as a rebalance sees them, read under the SKU lock. */
final class FenceStates {

    private static final String STATES =
            """
            select f.channel_id, f.ring_fenced as effective,
                   coalesce((select sum(r.quantity) from reservation r
                               join reservation_request q on q.order_id = r.order_id
                              where r.sku = f.sku and q.status = 'open' and q.channel_id = f.channel_id), 0)::int
                       as reserved,
                   exists (select 1 from fence_rebalance b where b.sku = f.sku and b.state = 'lowering'
                              and b.from_channel_id = f.channel_id) as giving,
                   exists (select 1 from fence_rebalance b where b.sku = f.sku and b.state = 'lowering'
                              and b.to_channel_id = f.channel_id) as receiving
              from effective_fence f where f.sku = $1
            """;

    /**
     * @param effective the units the fence keeps now
     * @param reserved the channel's units of the SKU in open reservations
     * @param giving a move out of this fence is waiting for the channel's store
     * @param receiving a move into this fence is waiting for the giver's store
     */
    record State(String channelId, int effective, int reserved, boolean giving, boolean receiving) {

        /** What the fence still keeps for its channel. */
        int remaining() {
            return Math.max(0, effective - reserved);
        }
    }

    private FenceStates() {}

    static Uni<Map<String, State>> read(SqlConnection tx, String sku) {
        return tx.preparedQuery(STATES).execute(Tuple.of(sku)).map(rows -> {
            Map<String, State> states = new TreeMap<>();
            for (Row row : rows) {
                states.put(
                        row.getString("channel_id"),
                        new State(
                                row.getString("channel_id"),
                                row.getInteger("effective"),
                                row.getInteger("reserved"),
                                row.getBoolean("giving"),
                                row.getBoolean("receiving")));
            }
            return states;
        });
    }
}
