package dev.shelfsync.routing.location;

import dev.shelfsync.routing.config.RoutingConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Orders and units each location has taken on today, and the capacity each order holds. Taking capacity is one
 * conditional update in the order's transaction (reactive SQL client), so concurrent orders cannot overshoot a limit.
 */
@ApplicationScoped
public class DailyCapacity {

    /** Orders and units a location has taken on in one day. */
    public record Usage(int orders, int units) {
        static final Usage NONE = new Usage(0, 0);
    }

    private final Pool pool;
    private final ZoneId capacityZone;

    public DailyCapacity(Pool pool, RoutingConfig config) {
        this.pool = pool;
        this.capacityZone = ZoneId.of(config.capacityZone());
    }

    public LocalDate today() {
        return LocalDate.now(capacityZone);
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

    /** Today's use at one location. */
    Uni<Usage> usedToday(String locationId) {
        return pool.preparedQuery("select orders, units from capacity_usage where location_id = $1 and day = $2")
                .execute(Tuple.of(locationId, today()))
                .map(rows -> rows.size() == 0
                        ? Usage.NONE
                        : new Usage(
                                rows.iterator().next().getInteger("orders"),
                                rows.iterator().next().getInteger("units")));
    }

    /** Today's use per location that has taken on anything today. */
    Uni<Map<String, Usage>> usedToday() {
        return pool.preparedQuery("select location_id, orders, units from capacity_usage where day = $1")
                .execute(Tuple.of(today()))
                .map(rows -> {
                    Map<String, Usage> used = new HashMap<>();
                    rows.forEach(row -> used.put(
                            row.getString("location_id"),
                            new Usage(row.getInteger("orders"), row.getInteger("units"))));
                    return used;
                });
    }
}
