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
import java.util.List;

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
            "select channel_id, safety_stock, max_shown, share_percent, backorder_limit from channel_policy";

    public Uni<AvailabilityChanged> read(SqlConnection tx, String sku, long version) {
        return tx.preparedQuery(SELLABLE_BY_LOCATION)
                .execute(Tuple.of(sku))
                .flatMap(stockRows -> tx.query(POLICIES).execute().map(policyRows -> {
                    List<LocationStock> stock = new ArrayList<>();
                    for (Row row : stockRows) {
                        stock.add(new LocationStock(
                                row.getString("location_id"),
                                row.getInteger("sellable"),
                                new HashSet<>(Arrays.asList(row.getArrayOfStrings("serves_channels")))));
                    }
                    List<ChannelPolicy> policies = new ArrayList<>();
                    for (Row row : policyRows) {
                        policies.add(new ChannelPolicy(
                                row.getString("channel_id"),
                                row.getInteger("safety_stock"),
                                row.getInteger("max_shown"),
                                row.getInteger("share_percent"),
                                row.getInteger("backorder_limit")));
                    }
                    return new AvailabilityChanged(
                            sku,
                            version,
                            AvailabilityCalculator.defaultAvailable(stock),
                            AvailabilityCalculator.perChannel(stock, policies));
                }));
    }
}
