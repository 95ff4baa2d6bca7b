package dev.shelfsync.inventory.availability;

import dev.shelfsync.contracts.inventory.AvailabilityChanged;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Reads sellable stock per active location and the channel policies, and computes availability from them. */
@ApplicationScoped
public class AvailabilityReader {

    private static final String SELLABLE_BY_LOCATION =
            """
            select s.location_id, s.on_hand - s.reserved - s.damaged - s.quality_hold as sellable, l.serves_channels
              from stock_level s join location l on l.id = s.location_id
             where s.sku = $1 and l.active
            """;
    private static final String POLICIES =
            "select channel_id, safety_stock, max_shown, share_percent, backorder_limit, ring_fenced from channel_policy";
    private static final String RESERVED_BY_CHANNEL =
            """
            select r.sku, q.channel_id, sum(r.quantity)::int as units
              from reservation r join reservation_request q on q.order_id = r.order_id
             where r.sku = any($1) and q.status = 'open' and q.channel_id is not null
             group by r.sku, q.channel_id
            """;
    private static final String COMPONENTS =
            "select component_sku, quantity from bundle_component where bundle_sku = $1 order by component_sku";

    /** Availability of an SKU, or of a bundle from its components. */
    public Uni<AvailabilityChanged> read(SqlConnection tx, String sku, long version) {
        return policies(tx).flatMap(policies -> components(tx, sku)
                .flatMap(components -> components.isEmpty()
                        ? single(tx, sku, version, policies)
                        : bundle(tx, sku, version, policies, components)));
    }

    private Uni<AvailabilityChanged> single(SqlConnection tx, String sku, long version, List<ChannelPolicy> policies) {
        return reservedByChannel(tx, List.of(sku), policies)
                .flatMap(reserved -> single(tx, sku, version, policies, reserved.getOrDefault(sku, Map.of())));
    }

    private Uni<AvailabilityChanged> single(
            SqlConnection tx, String sku, long version, List<ChannelPolicy> policies, Map<String, Integer> reserved) {
        return tx.preparedQuery(SELLABLE_BY_LOCATION).execute(Tuple.of(sku)).map(rows -> {
            List<LocationStock> stock = new ArrayList<>();
            for (Row row : rows) {
                stock.add(new LocationStock(
                        row.getString("location_id"),
                        row.getInteger("sellable"),
                        new HashSet<>(Arrays.asList(row.getArrayOfStrings("serves_channels")))));
            }
            return new AvailabilityChanged(
                    sku,
                    version,
                    AvailabilityCalculator.defaultAvailable(stock, policies, reserved),
                    AvailabilityCalculator.perChannel(stock, policies, reserved));
        });
    }

    private Uni<AvailabilityChanged> bundle(
            SqlConnection tx,
            String bundleSku,
            long version,
            List<ChannelPolicy> policies,
            Map<String, Integer> perBundle) {
        Map<String, AvailabilityChanged> byComponent = new LinkedHashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String component : perBundle.keySet()) {
            chain = chain.flatMap(ignored -> single(tx, component, 0, policies)
                    .invoke(availability -> byComponent.put(component, availability))
                    .replaceWithVoid());
        }
        return chain.map(ignored -> {
            Map<String, Integer> defaults = new TreeMap<>();
            TreeSet<String> channels = new TreeSet<>();
            byComponent.forEach((component, availability) -> {
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
        });
    }

    public Uni<List<ChannelPolicy>> policies(SqlConnection tx) {
        return tx.query(POLICIES).execute().map(rows -> {
            List<ChannelPolicy> policies = new ArrayList<>();
            for (Row row : rows) {
                policies.add(new ChannelPolicy(
                        row.getString("channel_id"),
                        row.getInteger("safety_stock"),
                        row.getInteger("max_shown"),
                        row.getInteger("share_percent"),
                        row.getInteger("backorder_limit"),
                        row.getInteger("ring_fenced")));
            }
            return policies;
        });
    }

    /**
     * Units in open reservations per SKU and channel, read only when some channel has a ring-fence (otherwise
     * empty: nothing depends on it).
     */
    public Uni<Map<String, Map<String, Integer>>> reservedByChannel(
            SqlConnection tx, List<String> skus, List<ChannelPolicy> policies) {
        if (!AvailabilityCalculator.anyFence(policies)) {
            return Uni.createFrom().item(Map.of());
        }
        return tx.preparedQuery(RESERVED_BY_CHANNEL)
                .execute(Tuple.of((Object) skus.toArray(new String[0])))
                .map(rows -> {
                    Map<String, Map<String, Integer>> reserved = new TreeMap<>();
                    for (Row row : rows) {
                        reserved.computeIfAbsent(row.getString("sku"), sku -> new TreeMap<>())
                                .put(row.getString("channel_id"), row.getInteger("units"));
                    }
                    return reserved;
                });
    }

    /** Components of a bundle with units per bundle; empty for an ordinary SKU. */
    public Uni<Map<String, Integer>> components(SqlConnection tx, String sku) {
        return tx.preparedQuery(COMPONENTS).execute(Tuple.of(sku)).map(rows -> {
            Map<String, Integer> components = new TreeMap<>();
            for (Row row : rows) {
                components.put(row.getString("component_sku"), row.getInteger("quantity"));
            }
            return components;
        });
    }
}
