package dev.shelfsync.inventory.availability;

import dev.shelfsync.contracts.inventory.AvailabilityChanged;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads sellable stock per active location, the channel policies and the SKUs' ring-fences, and computes
 * availability from them.
 */
@ApplicationScoped
public class AvailabilityReader {

    /**
     * Everything availability needs for a set of SKUs, in one statement: the components of those that are bundles,
     * sellable stock per active location of the SKUs and components, their ring-fences per channel, and (for the
     * fenced ones) their units in open reservations per channel. The SKU set is an array, not a semi-join, so the
     * reads stay index lookups however many SKUs the tables hold.
     */
    private static final String INPUTS =
            """
            with components as (
                select bundle_sku, component_sku, quantity from bundle_component where bundle_sku = any($1)),
            stocked as (
                select sku from unnest($1::text[]) as sku union select component_sku from components),
            fenced as materialized (
                select sku, channel_id, ring_fenced, channel_default from effective_fence
                 where sku = any(array(select sku from stocked)) and ring_fenced > 0),
            transit as materialized (
                select sku, from_channel_id as channel_id, sum(units)::int as units from fence_rebalance
                 where state = 'lowering' and sku = any(array(select sku from stocked))
                 group by sku, from_channel_id)
            select 'component' as kind, bundle_sku as sku, component_sku as key, quantity as units,
                   null::text[] as serves_channels, null::int as on_hand, null::int as reserved,
                   null::int as damaged, null::int as quality_hold, null::int as inbound
              from components
            union all
            select 'stock', s.sku, s.location_id, s.on_hand - s.reserved - s.damaged - s.quality_hold,
                   l.serves_channels, s.on_hand, s.reserved, s.damaged, s.quality_hold, s.inbound
              from stock_level s join location l on l.id = s.location_id
             where s.sku = any(array(select sku from stocked)) and l.active
            union all
            select case when channel_default then 'default-fence' else 'fence' end, sku, channel_id, ring_fenced,
                   null, null, null, null, null, null
              from fenced
            union all
            select 'transit', sku, channel_id, units, null, null, null, null, null, null from transit
            union all
            select 'reserved', r.sku, q.channel_id, sum(r.quantity)::int, null, null, null, null, null, null
              from reservation r join reservation_request q on q.order_id = r.order_id
             where r.sku = any(array(select sku from fenced union select sku from transit)) and q.status = 'open'
               and q.channel_id is not null
             group by r.sku, q.channel_id
            """;

    /** The policies, one more row when some SKU has a ring-fence, one when some buffer needs more inputs. */
    private static final String POLICIES =
            """
            select 'policy' as kind, channel_id, safety_stock, max_shown, share_percent, backorder_limit, ring_fenced,
                   buffer_mode
              from channel_policy
            union all
            select 'fenced', null, null, null, null, null, null, null
             where exists (select 1 from effective_fence where ring_fenced > 0)
                or exists (select 1 from fence_rebalance where state = 'lowering')
            union all
            select 'buffers', null, null, null, null, null, null, null
             where exists (select 1 from channel_policy where buffer_mode = 'auto')
                or exists (select 1 from sku_channel_buffer)
            """;

    private static final String COMPONENTS =
            "select bundle_sku, component_sku, quantity from bundle_component where bundle_sku = any($1)";

    private final BufferInputs buffers;

    public AvailabilityReader(BufferInputs buffers) {
        this.buffers = buffers;
    }

    /** Availability of an SKU, or of a bundle from its components. */
    public Uni<AvailabilityChanged> read(SqlConnection tx, String sku, long version) {
        return policies(tx)
                .flatMap(policies -> read(tx, Map.of(sku, version), policies))
                .map(events -> events.get(0));
    }

    /**
     * Availability of several SKUs (bundles computed from their components) under the given policies.
     *
     * @param versions the version each event carries, per SKU, in the order the events are wanted
     */
    public Uni<List<AvailabilityChanged>> read(SqlConnection tx, Map<String, Long> versions, ChannelPolicies policies) {
        String[] skus = versions.keySet().toArray(String[]::new);
        return inputs(tx, skus, policies).map(inputs -> {
            List<AvailabilityChanged> events = new ArrayList<>();
            versions.forEach((sku, version) -> events.add(inputs.availability(sku, version, policies.channels())));
            return events;
        });
    }

    private Uni<Inputs> inputs(SqlConnection tx, String[] skus, ChannelPolicies policies) {
        return tx.preparedQuery(INPUTS)
                .execute(Tuple.of((Object) skus))
                .flatMap(rows -> buffers.read(tx, skus, policies).map(table -> {
                    Inputs inputs = new Inputs(table);
                    for (Row row : rows) {
                        inputs.add(row);
                    }
                    return inputs;
                }));
    }

    /**
     * How the SKU's availability for one channel is made up, read and computed exactly as {@link #read} does for
     * the published event.
     *
     * @param version the version the SKU's latest availability event carried, read in the same snapshot
     */
    public Uni<AvailabilityExplanation> explain(SqlConnection tx, String sku, long version, String channelId) {
        return policies(tx).flatMap(policies -> inputs(tx, new String[] {sku}, policies)
                .map(inputs -> inputs.explain(sku, version, channelId, policies.channels())));
    }

    public Uni<ChannelPolicies> policies(SqlConnection tx) {
        return tx.preparedQuery(POLICIES).execute().map(rows -> {
            List<ChannelPolicy> policies = new ArrayList<>();
            boolean anyFence = false;
            boolean anyBufferInputs = false;
            for (Row row : rows) {
                if (row.getString("kind").equals("fenced")) {
                    anyFence = true;
                    continue;
                }
                if (row.getString("kind").equals("buffers")) {
                    anyBufferInputs = true;
                    continue;
                }
                policies.add(new ChannelPolicy(
                        row.getString("channel_id"),
                        row.getInteger("safety_stock"),
                        row.getInteger("max_shown"),
                        row.getInteger("share_percent"),
                        row.getInteger("backorder_limit"),
                        row.getInteger("ring_fenced"),
                        row.getString("buffer_mode")));
            }
            return new ChannelPolicies(policies, anyFence, anyBufferInputs);
        });
    }

    /** Components with units per bundle, for those of {@code skus} that are bundles; ordinary SKUs are absent. */
    public Uni<Map<String, Map<String, Integer>>> components(SqlConnection tx, Collection<String> skus) {
        return tx.preparedQuery(COMPONENTS)
                .execute(Tuple.of((Object) skus.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Map<String, Integer>> components = new TreeMap<>();
                    for (Row row : rows) {
                        components
                                .computeIfAbsent(row.getString("bundle_sku"), bundle -> new TreeMap<>())
                                .put(row.getString("component_sku"), row.getInteger("quantity"));
                    }
                    return components;
                });
    }

    /** The rows of {@link #INPUTS}, grouped per SKU. */
    private static final class Inputs {

        private final BufferInputs.Table buffers;

        Inputs(BufferInputs.Table buffers) {
            this.buffers = buffers;
        }

        private final Map<String, Map<String, Integer>> components = new TreeMap<>();
        private final Map<String, List<LocationStock>> stock = new TreeMap<>();
        private final Map<String, Map<String, Integer>> reserved = new TreeMap<>();
        private final Map<String, Map<String, Integer>> fences = new TreeMap<>();
        private final Map<String, Set<String>> defaultFences = new TreeMap<>();
        private final Map<String, Map<String, Integer>> transit = new TreeMap<>();

        void add(Row row) {
            String sku = row.getString("sku");
            String key = row.getString("key");
            int units = row.getInteger("units");
            switch (row.getString("kind")) {
                case "component" -> components
                        .computeIfAbsent(sku, s -> new TreeMap<>())
                        .put(key, units);
                case "stock" -> stock.computeIfAbsent(sku, s -> new ArrayList<>())
                        .add(new LocationStock(
                                key,
                                row.getInteger("on_hand"),
                                row.getInteger("reserved"),
                                row.getInteger("damaged"),
                                row.getInteger("quality_hold"),
                                row.getInteger("inbound"),
                                units,
                                new HashSet<>(Arrays.asList(row.getArrayOfStrings("serves_channels")))));
                case "fence" -> fences.computeIfAbsent(sku, s -> new TreeMap<>())
                        .put(key, units);
                case "transit" -> transit.computeIfAbsent(sku, s -> new TreeMap<>())
                        .put(key, units);
                case "default-fence" -> {
                    fences.computeIfAbsent(sku, s -> new TreeMap<>()).put(key, units);
                    defaultFences.computeIfAbsent(sku, s -> new TreeSet<>()).add(key);
                }
                default -> reserved.computeIfAbsent(sku, s -> new TreeMap<>()).put(key, units);
            }
        }

        AvailabilityChanged availability(String sku, long version, List<ChannelPolicy> policies) {
            Map<String, Integer> perBundle = components.get(sku);
            return perBundle == null ? single(sku, version, policies) : bundle(sku, version, policies, perBundle);
        }

        AvailabilityExplanation explain(String sku, long version, String channel, List<ChannelPolicy> policies) {
            AvailabilityChanged published = availability(sku, version, policies);
            int available = published.channels().getOrDefault(channel, published.defaultAvailable());
            Map<String, Integer> perBundle = components.get(sku);
            if (perBundle == null) {
                return new AvailabilityExplanation(
                        sku, channel, version, available, terms(sku, channel, policies), List.of());
            }
            List<AvailabilityExplanation.Component> parts = new ArrayList<>();
            perBundle.forEach((component, units) -> parts.add(
                    new AvailabilityExplanation.Component(component, units, terms(component, channel, policies))));
            return new AvailabilityExplanation(sku, channel, version, available, null, parts);
        }

        private ChannelAvailability terms(String sku, String channel, List<ChannelPolicy> policies) {
            return AvailabilityCalculator.forChannel(
                    stock.getOrDefault(sku, List.of()), policies, fences(sku), buffers.of(sku), channel);
        }

        private SkuFences fences(String sku) {
            if (!fences.containsKey(sku) && !transit.containsKey(sku)) {
                return SkuFences.NONE;
            }
            return new SkuFences(
                    fences.getOrDefault(sku, Map.of()),
                    defaultFences.getOrDefault(sku, Set.of()),
                    transit.getOrDefault(sku, Map.of()),
                    reserved.getOrDefault(sku, Map.of()));
        }

        private AvailabilityChanged single(String sku, long version, List<ChannelPolicy> policies) {
            List<LocationStock> locations = stock.getOrDefault(sku, List.of());
            SkuFences skuFences = fences(sku);
            return new AvailabilityChanged(
                    sku,
                    version,
                    AvailabilityCalculator.defaultAvailable(locations, policies, skuFences, buffers.of(sku)),
                    AvailabilityCalculator.perChannel(locations, policies, skuFences, buffers.of(sku)),
                    skuFences.remaining(),
                    List.of());
        }

        private AvailabilityChanged bundle(
                String bundleSku, long version, List<ChannelPolicy> policies, Map<String, Integer> perBundle) {
            Map<String, Integer> defaults = new TreeMap<>();
            Map<String, AvailabilityChanged> byComponent = new TreeMap<>();
            TreeSet<String> channels = new TreeSet<>();
            perBundle.keySet().forEach(component -> {
                AvailabilityChanged availability = single(component, 0, policies);
                byComponent.put(component, availability);
                defaults.put(component, availability.defaultAvailable());
                channels.addAll(availability.channels().keySet());
            });
            Map<String, Integer> perChannel = new TreeMap<>();
            for (String channel : channels) {
                Map<String, Integer> componentAvailable = new TreeMap<>();
                byComponent.forEach((component, availability) -> componentAvailable.put(
                        component, availability.channels().getOrDefault(channel, availability.defaultAvailable())));
                perChannel.put(channel, AvailabilityCalculator.bundleAvailable(componentAvailable, perBundle));
            }
            return new AvailabilityChanged(
                    bundleSku, version, AvailabilityCalculator.bundleAvailable(defaults, perBundle), perChannel);
        }
    }
}
