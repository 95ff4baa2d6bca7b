package dev.shelfsync.routing.location;

import dev.shelfsync.routing.config.RoutingConfig;
import dev.shelfsync.routing.ranking.LocationProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Routing's location data, today's capacity use and the stock read model, as the ranking needs them. */
@ApplicationScoped
public class LocationDirectory {

    /** Everything the ranking needs about locations for one order. */
    public record Snapshot(List<LocationProfile> locations, Map<String, Map<String, Integer>> sellable) {}

    private final Pool pool;
    private final ZoneId capacityZone;

    public LocationDirectory(Pool pool, RoutingConfig config) {
        this.pool = pool;
        this.capacityZone = ZoneId.of(config.capacityZone());
    }

    public LocalDate today() {
        return LocalDate.now(capacityZone);
    }

    /** Locations with routing data plus every location seen in stock events, with the stock of these SKUs. */
    public Uni<Snapshot> snapshot(SqlClient client, List<String> skus) {
        String[] skuArray = skus.toArray(new String[0]);
        return client.preparedQuery("select sku, location_id, sellable from location_stock where sku = any($1)")
                .execute(Tuple.of(skuArray))
                .flatMap(stockRows -> {
                    Map<String, Map<String, Integer>> sellable = new HashMap<>();
                    for (Row row : stockRows) {
                        sellable.computeIfAbsent(row.getString("location_id"), id -> new HashMap<>())
                                .put(row.getString("sku"), row.getInteger("sellable"));
                    }
                    return client.preparedQuery(
                                    """
                                    select l.id, l.latitude, l.longitude, l.country_code, l.active, l.serves_channels,
                                           l.daily_capacity_orders, l.priority, l.cost_per_shipment,
                                           l.daily_capacity_units, coalesce(u.orders, 0) as orders_today,
                                           coalesce(u.units, 0) as units_today, true as known
                                      from location l
                                      left join capacity_usage u on u.location_id = l.id and u.day = $1
                                    union all
                                    select s.location_id, null, null, null, true, '{}', null, null, null, null,
                                           coalesce(u.orders, 0), coalesce(u.units, 0), false
                                      from known_stock_location s
                                      left join capacity_usage u on u.location_id = s.location_id and u.day = $1
                                     where not exists (select 1 from location l where l.id = s.location_id)
                                    """)
                            .execute(Tuple.of(today()))
                            .map(rows -> {
                                List<LocationProfile> locations = new ArrayList<>();
                                for (Row row : rows) {
                                    locations.add(profile(row));
                                }
                                return new Snapshot(locations, sellable);
                            });
                });
    }

    /**
     * Takes one order and {@code units} of today's capacity at a location for an order, unless that would exceed
     * the location's daily limits; {@code force} takes it regardless (overflow, or inventory reserved there). The
     * conditional update re-checks the limits on the latest row version under its row lock, so concurrent orders
     * cannot overshoot.
     *
     * @return whether the capacity was taken
     */
    public Uni<Boolean> hold(SqlConnection tx, String orderId, String locationId, int units, boolean force) {
        LocalDate day = today();
        return tx.preparedQuery(
                        """
                        insert into capacity_usage (location_id, day, orders, units) values ($1, $2, 0, 0)
                        on conflict (location_id, day) do nothing
                        """)
                .execute(Tuple.of(locationId, day))
                .flatMap(done -> tx.preparedQuery(
                                """
                                update capacity_usage u set orders = u.orders + 1, units = u.units + $3
                                  from (select $1::text as id) k left join location l on l.id = k.id
                                 where u.location_id = $1 and u.day = $2
                                   and ($4 or ((l.daily_capacity_orders is null
                                                or u.orders + 1 <= l.daily_capacity_orders)
                                           and (l.daily_capacity_units is null
                                                or u.units + $3 <= l.daily_capacity_units)))
                                returning u.orders
                                """)
                        .execute(Tuple.of(locationId, day, units, force)))
                .flatMap(updated -> updated.size() == 0
                        ? Uni.createFrom().item(false)
                        : tx.preparedQuery(
                                        """
                                        insert into capacity_hold (order_id, location_id, day, units)
                                        values ($1, $2, $3, $4)
                                        """)
                                .execute(Tuple.of(orderId, locationId, day, units))
                                .replaceWith(true));
    }

    /** Gives back the capacity an order holds, except at the locations in {@code keep}. */
    public Uni<Void> release(SqlConnection tx, String orderId, Collection<String> keep) {
        return tx.preparedQuery(
                        """
                        with gone as (
                            delete from capacity_hold where order_id = $1 and not (location_id = any($2))
                            returning location_id, day, units)
                        update capacity_usage u set orders = greatest(0, u.orders - 1),
                                                    units = greatest(0, u.units - g.units)
                          from gone g where u.location_id = g.location_id and u.day = g.day
                        """)
                .execute(Tuple.of(orderId, keep.toArray(new String[0])))
                .replaceWithVoid();
    }

    /** The locations where an order holds capacity. */
    public Uni<Set<String>> held(SqlConnection tx, String orderId) {
        return tx.preparedQuery("select location_id from capacity_hold where order_id = $1")
                .execute(Tuple.of(orderId))
                .map(rows -> {
                    Set<String> held = new TreeSet<>();
                    rows.forEach(row -> held.add(row.getString("location_id")));
                    return held;
                });
    }

    public Uni<LocationView> put(String id, LocationRequest request) {
        List<String> channels = request.servesChannels() == null ? List.of() : request.servesChannels();
        Tuple params = Tuple.tuple()
                .addString(id)
                .addBigDecimal(request.latitude())
                .addBigDecimal(request.longitude())
                .addString(
                        request.countryCode() == null
                                ? null
                                : request.countryCode().toUpperCase())
                .addBoolean(request.active() == null || request.active())
                .addArrayOfString(channels.toArray(new String[0]))
                .addInteger(request.dailyCapacityOrders())
                .addInteger(request.priority())
                .addBigDecimal(request.costPerShipment())
                .addInteger(request.dailyCapacityUnits());
        return pool.preparedQuery(
                        """
                        insert into location (id, latitude, longitude, country_code, active, serves_channels,
                                              daily_capacity_orders, priority, cost_per_shipment, daily_capacity_units)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                        on conflict (id) do update set latitude = excluded.latitude, longitude = excluded.longitude,
                            country_code = excluded.country_code, active = excluded.active,
                            serves_channels = excluded.serves_channels,
                            daily_capacity_orders = excluded.daily_capacity_orders, priority = excluded.priority,
                            cost_per_shipment = excluded.cost_per_shipment,
                            daily_capacity_units = excluded.daily_capacity_units, updated_at = now()
                        """)
                .execute(params)
                .flatMap(done -> find(id))
                .map(Optional::orElseThrow);
    }

    public Uni<Optional<LocationView>> find(String id) {
        return pool.preparedQuery(
                        """
                        select l.*, coalesce(u.orders, 0) as orders_today, coalesce(u.units, 0) as units_today
                          from location l left join capacity_usage u on u.location_id = l.id and u.day = $2
                         where l.id = $1
                        """)
                .execute(Tuple.of(id, today()))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(Optional.<LocationView>empty());
                    }
                    Row row = rows.iterator().next();
                    return pool.preparedQuery(
                                    "select sku, sellable from location_stock where location_id = $1 order by sku")
                            .execute(Tuple.of(id))
                            .map(stock -> {
                                Map<String, Integer> seen = new TreeMap<>();
                                stock.forEach(s -> seen.put(s.getString("sku"), s.getInteger("sellable")));
                                return Optional.of(view(row, seen));
                            });
                });
    }

    public Uni<List<LocationView>> list() {
        return pool.preparedQuery(
                        """
                        select l.*, coalesce(u.orders, 0) as orders_today, coalesce(u.units, 0) as units_today
                          from location l left join capacity_usage u on u.location_id = l.id and u.day = $1
                         order by l.id
                        """)
                .execute(Tuple.of(today()))
                .map(rows -> {
                    List<LocationView> views = new ArrayList<>();
                    rows.forEach(row -> views.add(view(row, new LinkedHashMap<>())));
                    return views;
                });
    }

    private static LocationView view(Row row, Map<String, Integer> seen) {
        return new LocationView(
                row.getString("id"),
                row.getBigDecimal("latitude"),
                row.getBigDecimal("longitude"),
                row.getString("country_code"),
                row.getBoolean("active"),
                Arrays.asList(row.getArrayOfStrings("serves_channels")),
                row.getInteger("daily_capacity_orders"),
                row.getInteger("orders_today"),
                row.getInteger("daily_capacity_units"),
                row.getInteger("units_today"),
                row.getInteger("priority"),
                row.getBigDecimal("cost_per_shipment"),
                seen);
    }

    private static LocationProfile profile(Row row) {
        if (!row.getBoolean("known")) {
            return LocationProfile.unknown(
                    row.getString("id"), row.getInteger("orders_today"), row.getInteger("units_today"));
        }
        BigDecimal latitude = row.getBigDecimal("latitude");
        BigDecimal longitude = row.getBigDecimal("longitude");
        return new LocationProfile(
                row.getString("id"),
                latitude == null ? null : latitude.doubleValue(),
                longitude == null ? null : longitude.doubleValue(),
                row.getString("country_code"),
                row.getBoolean("active"),
                Arrays.asList(row.getArrayOfStrings("serves_channels")),
                row.getInteger("daily_capacity_orders"),
                row.getInteger("orders_today"),
                row.getInteger("priority"),
                row.getBigDecimal("cost_per_shipment"),
                row.getInteger("daily_capacity_units"),
                row.getInteger("units_today"));
    }

    /**
     * Whether the stock read model knows some line's SKU and shows less sellable stock over all locations than the
     * line needs. A SKU the read model has never seen is not short: nothing is known about it.
     */
    public Uni<Boolean> visiblyShort(
            io.vertx.mutiny.sqlclient.SqlClient client, List<dev.shelfsync.contracts.channels.OrderLine> lines) {
        Map<String, Integer> needed = new java.util.HashMap<>();
        lines.forEach(line -> needed.merge(line.sku(), line.quantity(), Integer::sum));
        return client.preparedQuery(
                        "select sku, sum(greatest(sellable, 0))::int as sellable from location_stock where sku = any($1)"
                                + " group by sku")
                .execute(Tuple.of((Object) needed.keySet().toArray(new String[0])))
                .map(rows -> {
                    for (Row row : rows) {
                        if (row.getInteger("sellable") < needed.get(row.getString("sku"))) {
                            return true;
                        }
                    }
                    return false;
                });
    }
}
