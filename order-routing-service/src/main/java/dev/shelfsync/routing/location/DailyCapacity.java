package dev.shelfsync.routing.location;

import dev.shelfsync.routing.config.RoutingConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
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
 * Orders and units each location has taken on today, and the capacity each order holds. Taking capacity happens in
 * the order's transaction (reactive SQL client): a conditional update where a location has limits, so concurrent
 * orders cannot overshoot them, and a counter spread over slots where it has none, so they do not queue.
 */
@ApplicationScoped
public class DailyCapacity {

    /** Orders and units a location has taken on in one day. */
    public record Usage(int orders, int units) {
        static final Usage NONE = new Usage(0, 0);
    }

    /** Rows a location without limits spreads its daily use over. */
    private static final int SLOTS = 16;

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
     * the location's daily limits; {@code force} takes it regardless (overflow, or inventory reserved there).
     *
     * <p>A location without limits counts in the slot the order's hash picks, in one statement, so concurrent
     * orders there do not wait for each other. A location with limits counts in slot 0: the conditional update
     * re-checks the limits against all slots on the latest version of that row under its lock, so concurrent orders
     * cannot overshoot. (Orders already counting in other slots when a limit is set are counted, not refused.)
     *
     * @return whether the capacity was taken
     */
    public Uni<Boolean> hold(SqlConnection tx, String orderId, String locationId, int units, boolean force) {
        LocalDate day = today();
        return holdWithoutLimits(tx, orderId, locationId, day, units)
                .flatMap(held -> held
                        ? Uni.createFrom().item(true)
                        : holdWithinLimits(tx, orderId, locationId, day, units, force));
    }

    private Uni<Boolean> holdWithoutLimits(
            SqlConnection tx, String orderId, String locationId, LocalDate day, int units) {
        int slot = Math.floorMod(orderId.hashCode(), SLOTS);
        return tx.preparedQuery(
                        """
                        with counted as (
                            insert into capacity_usage as u (location_id, day, slot, orders, units)
                            select $1::text, $2::date, $3::smallint, 1, $4::integer
                             where not exists (select 1 from location l
                                                where l.id = $1
                                                  and (l.daily_capacity_orders is not null
                                                       or l.daily_capacity_units is not null))
                            on conflict (location_id, day, slot)
                               do update set orders = u.orders + 1, units = u.units + excluded.units
                            returning u.slot)
                        insert into capacity_hold (order_id, location_id, day, units, slot)
                        select $5, $1, $2, $4, slot from counted
                        """)
                .execute(Tuple.of(locationId, day, slot, units, orderId))
                .map(rows -> rows.rowCount() == 1);
    }

    private Uni<Boolean> holdWithinLimits(
            SqlConnection tx, String orderId, String locationId, LocalDate day, int units, boolean force) {
        return tx.preparedQuery(
                        """
                        insert into capacity_usage (location_id, day, slot, orders, units) values ($1, $2, 0, 0, 0)
                        on conflict (location_id, day, slot) do nothing
                        """)
                .execute(Tuple.of(locationId, day))
                .flatMap(done -> tx.preparedQuery(
                                """
                                with taken as (
                                    update capacity_usage u set orders = u.orders + 1, units = u.units + $3
                                      from (select $1::text as id) k
                                      left join location l on l.id = k.id
                                     cross join lateral (
                                           select coalesce(sum(o.orders), 0) as orders,
                                                  coalesce(sum(o.units), 0) as units
                                             from capacity_usage o
                                            where o.location_id = $1 and o.day = $2 and o.slot <> 0) other
                                     where u.location_id = $1 and u.day = $2 and u.slot = 0
                                       and ($4 or ((l.daily_capacity_orders is null
                                                    or u.orders + other.orders + 1 <= l.daily_capacity_orders)
                                               and (l.daily_capacity_units is null
                                                    or u.units + other.units + $3 <= l.daily_capacity_units)))
                                    returning u.slot)
                                insert into capacity_hold (order_id, location_id, day, units, slot)
                                select $5, $1, $2, $3, slot from taken
                                """)
                        .execute(Tuple.of(locationId, day, units, force, orderId)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Gives back the capacity an order holds, except at the locations in {@code keep}. */
    public Uni<Void> release(SqlConnection tx, String orderId, Collection<String> keep) {
        return tx.preparedQuery(
                        """
                        with gone as (
                            delete from capacity_hold where order_id = $1 and not (location_id = any($2))
                            returning location_id, day, units, slot)
                        update capacity_usage u set orders = greatest(0, u.orders - 1),
                                                    units = greatest(0, u.units - g.units)
                          from gone g where u.location_id = g.location_id and u.day = g.day and u.slot = g.slot
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
        return pool.preparedQuery(
                        """
                        select sum(orders)::integer as orders, sum(units)::integer as units
                          from capacity_usage where location_id = $1 and day = $2
                        """)
                .execute(Tuple.of(locationId, today()))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return row.getInteger("orders") == null
                            ? Usage.NONE
                            : new Usage(row.getInteger("orders"), row.getInteger("units"));
                });
    }

    /** Today's use per location that has taken on anything today. */
    Uni<Map<String, Usage>> usedToday() {
        return pool.preparedQuery(
                        """
                        select location_id, sum(orders)::integer as orders, sum(units)::integer as units
                          from capacity_usage where day = $1 group by location_id
                        """)
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
