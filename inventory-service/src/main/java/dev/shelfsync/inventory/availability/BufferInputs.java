package dev.shelfsync.inventory.availability;

import dev.shelfsync.inventory.config.AutoBufferConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads what sizes the buffers of a set of SKUs (and of their bundles' components): their own buffers per channel,
 * their sale velocity per channel over the window and every measured channel's sync lag. Asked only when some
 * buffer is an SKU's own or auto, so fixed policies cost nothing more.
 */
@ApplicationScoped
public class BufferInputs {

    /**
     * A sale's velocity is its units over the time since the first sale of the window, at least the shortest span:
     * a steady stream gives its rate, the first sales of a burst a rate over the shortest span.
     */
    private static final String INPUTS =
            """
            with stocked as (
                select sku from unnest($1::text[]) as sku
                union select component_sku from bundle_component where bundle_sku = any($1))
            select 'own' as kind, sku, channel_id, buffer_mode, safety_stock as units, null::bigint as span_millis
              from sku_channel_buffer where sku = any(array(select sku from stocked))
            union all
            select 'lag', null, channel_id, null, p99_millis, null from channel_sync_lag
            union all
            select 'sold', r.sku, q.channel_id, null, sum(r.quantity)::int,
                   (extract(epoch from now() - min(q.created_at)) * 1000)::bigint
              from reservation_request q join reservation r on r.order_id = q.order_id
             where q.created_at > now() - make_interval(secs => $2) and q.outcome = 'confirmed'
               and q.channel_id is not null and r.sku = any(array(select sku from stocked))
             group by r.sku, q.channel_id
            """;

    private final BufferSizing sizing;
    private final double windowSeconds;
    private final long shortestSpanMillis;

    public BufferInputs(AutoBufferConfig config) {
        this.sizing = BufferSizing.of(config);
        this.windowSeconds = config.velocityWindow().toMillis() / 1000.0;
        this.shortestSpanMillis = config.shortestSpan().toMillis();
    }

    /** The inputs of {@code skus}; without SKU buffers or auto policies nothing is read. */
    public Uni<Table> read(SqlConnection tx, String[] skus, ChannelPolicies policies) {
        if (!policies.anyBufferInputs()) {
            return Uni.createFrom().item(Table.POLICIES_ONLY);
        }
        return tx.preparedQuery(INPUTS)
                .execute(Tuple.of((Object) skus, windowSeconds))
                .map(rows -> {
                    Map<String, Long> lags = new HashMap<>();
                    Map<String, Map<String, SkuBuffers.Override>> own = new HashMap<>();
                    Map<String, Map<String, Double>> velocity = new HashMap<>();
                    for (Row row : rows) {
                        String sku = row.getString("sku");
                        String channel = row.getString("channel_id");
                        int units = row.getInteger("units");
                        switch (row.getString("kind")) {
                            case "lag" -> lags.put(channel, (long) units);
                            case "own" -> own.computeIfAbsent(sku, s -> new HashMap<>())
                                    .put(channel, new SkuBuffers.Override(row.getString("buffer_mode"), units));
                            default -> velocity.computeIfAbsent(sku, s -> new HashMap<>())
                                    .put(
                                            channel,
                                            units * 1000.0 / Math.max(shortestSpanMillis, row.getLong("span_millis")));
                        }
                    }
                    Set<String> skusWithInputs = new HashSet<>(own.keySet());
                    skusWithInputs.addAll(velocity.keySet());
                    Map<String, SkuBuffers> perSku = new HashMap<>();
                    for (String sku : skusWithInputs) {
                        perSku.put(
                                sku,
                                new SkuBuffers(
                                        own.getOrDefault(sku, Map.of()),
                                        velocity.getOrDefault(sku, Map.of()),
                                        lags,
                                        sizing));
                    }
                    return new Table(perSku, new SkuBuffers(Map.of(), Map.of(), lags, sizing));
                });
    }

    /**
     * The buffer inputs per SKU.
     *
     * @param unsold those of an SKU without buffers of its own and without recent sales
     */
    public record Table(Map<String, SkuBuffers> perSku, SkuBuffers unsold) {

        static final Table POLICIES_ONLY = new Table(Map.of(), SkuBuffers.policiesOnly());

        public SkuBuffers of(String sku) {
            return perSku.getOrDefault(sku, unsold);
        }
    }
}
