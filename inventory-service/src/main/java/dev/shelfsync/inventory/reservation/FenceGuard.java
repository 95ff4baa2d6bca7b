package dev.shelfsync.inventory.reservation;

import dev.shelfsync.inventory.availability.ChannelPolicies;
import dev.shelfsync.inventory.availability.SkuFences;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Remaining sellable per SKU outside the fences other channels hold on it, as a reservation transaction takes units:
 * read once under the SKU locks, then counted down line by line.
 */
record FenceGuard(Map<String, Integer> open) {
    static final FenceGuard NONE = new FenceGuard(null);

    boolean allows(Map<String, Integer> units) {
        return open == null
                || units.entrySet().stream().allMatch(unit -> open.getOrDefault(unit.getKey(), 0) >= unit.getValue());
    }

    void take(Map<String, Integer> units) {
        if (open != null) {
            units.forEach((sku, quantity) -> open.merge(sku, -quantity, Integer::sum));
        }
    }

    /**
     * Reads, under the SKU locks, how much each SKU may still give this channel without entering the fences other
     * channels hold on it.
     */
    static Uni<FenceGuard> read(
            SqlConnection tx, String channelId, Map<String, Map<String, Integer>> parts, ChannelPolicies policies) {
        if (!policies.anyFence()) {
            return Uni.createFrom().item(FenceGuard.NONE);
        }
        String[] skus = new TreeSet<>(parts.values().stream()
                        .flatMap(units -> units.keySet().stream())
                        .toList())
                .toArray(String[]::new);
        // Sellable over active locations, the SKUs' fences, units in transit between fences and open reservations per
        // channel, in one read.
        return tx.preparedQuery(
                        """
                        select 'sellable' as kind, s.sku, null as channel_id,
                               sum(s.on_hand - s.reserved - s.damaged - s.quality_hold)::int as units
                          from stock_level s join location l on l.id = s.location_id
                         where s.sku = any($1) and l.active group by s.sku
                        union all
                        select 'fence', f.sku, f.channel_id, f.ring_fenced
                          from effective_fence f where f.sku = any($1) and f.ring_fenced > 0
                        union all
                        select 'transit', b.sku, b.from_channel_id, sum(b.units)::int
                          from fence_rebalance b where b.sku = any($1) and b.state = 'lowering'
                         group by b.sku, b.from_channel_id
                        union all
                        select 'reserved', r.sku, q.channel_id, sum(r.quantity)::int
                          from reservation r join reservation_request q on q.order_id = r.order_id
                         where r.sku = any($1) and q.status = 'open' and q.channel_id is not null
                         group by r.sku, q.channel_id
                        """)
                .execute(Tuple.of((Object) skus))
                .map(rows -> {
                    Map<String, Integer> sellable = new HashMap<>();
                    Map<String, Map<String, Integer>> fences = new HashMap<>();
                    Map<String, Map<String, Integer>> transit = new HashMap<>();
                    Map<String, Map<String, Integer>> reserved = new HashMap<>();
                    for (Row row : rows) {
                        String sku = row.getString("sku");
                        int units = row.getInteger("units");
                        switch (row.getString("kind")) {
                            case "sellable" -> sellable.put(sku, units);
                            case "fence" -> fences.computeIfAbsent(sku, s -> new HashMap<>())
                                    .put(row.getString("channel_id"), units);
                            case "transit" -> transit.computeIfAbsent(sku, s -> new HashMap<>())
                                    .put(row.getString("channel_id"), units);
                            default -> reserved.computeIfAbsent(sku, s -> new HashMap<>())
                                    .put(row.getString("channel_id"), units);
                        }
                    }
                    Map<String, Integer> open = new HashMap<>();
                    sellable.forEach((sku, units) -> open.put(
                            sku,
                            units
                                    - new SkuFences(
                                                    fences.getOrDefault(sku, Map.of()),
                                                    Set.of(),
                                                    transit.getOrDefault(sku, Map.of()),
                                                    reserved.getOrDefault(sku, Map.of()))
                                            .keptFrom(channelId)));
                    return new FenceGuard(open);
                });
    }
}
