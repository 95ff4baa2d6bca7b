package dev.shelfsync.routing.location;

import dev.shelfsync.routing.ranking.LocationProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Everything the ranking needs about locations for one order, read in the order's transaction (reactive SQL
 * client): routing data joined with today's capacity use, plus every location seen in stock events.
 */
@ApplicationScoped
public class LocationSnapshots {

    /** Everything the ranking needs about locations for one order. */
    public record Snapshot(List<LocationProfile> locations, Map<String, Map<String, Integer>> sellable) {}

    private final DailyCapacity capacity;
    private final StockReadModel stock;

    public LocationSnapshots(DailyCapacity capacity, StockReadModel stock) {
        this.capacity = capacity;
        this.stock = stock;
    }

    /** Locations with routing data plus every location seen in stock events, with the stock of these SKUs. */
    public Uni<Snapshot> snapshot(SqlClient client, List<String> skus) {
        return stock.sellable(client, skus).flatMap(sellable -> client.preparedQuery(
                        """
                        with used as (
                            select location_id, sum(orders)::integer as orders, sum(units)::integer as units
                              from capacity_usage where day = $1 group by location_id)
                        select l.id, l.latitude, l.longitude, l.country_code, l.active, l.serves_channels,
                               l.daily_capacity_orders, l.priority, l.cost_per_shipment,
                               l.daily_capacity_units, coalesce(u.orders, 0) as orders_today,
                               coalesce(u.units, 0) as units_today, true as known
                          from location l
                          left join used u on u.location_id = l.id
                        union all
                        select s.location_id, null, null, null, true, '{}', null, null, null, null,
                               coalesce(u.orders, 0), coalesce(u.units, 0), false
                          from known_stock_location s
                          left join used u on u.location_id = s.location_id
                         where not exists (select 1 from location l where l.id = s.location_id)
                        """)
                .execute(Tuple.of(capacity.today()))
                .map(rows -> {
                    List<LocationProfile> locations = new ArrayList<>();
                    for (Row row : rows) {
                        locations.add(profile(row));
                    }
                    return new Snapshot(locations, sellable);
                }));
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
}
