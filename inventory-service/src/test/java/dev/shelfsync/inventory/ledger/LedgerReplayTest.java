package dev.shelfsync.inventory.ledger;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shelfsync.inventory.support.InventoryApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Eight threads run a random mix of reserve, release, commit, adjust, hold, transfer and count over several SKUs
 * and locations. At every checkpoint no state is negative, and replaying the ledger gives exactly the stored
 * numbers.
 */
@QuarkusTest
class LedgerReplayTest {

    private static final List<String> LOCATIONS = List.of("east", "west");

    @Inject
    Pool pool;

    @Test
    void theLedgerAddsUpToTheStockUnderConcurrentMixedOperations() throws Exception {
        List<String> skus = List.of(InventoryApi.newSku(), InventoryApi.newSku(), InventoryApi.newSku());
        LOCATIONS.forEach(location -> InventoryApi.location(location, List.of()));
        for (String sku : skus) {
            InventoryApi.sku(sku);
            LOCATIONS.forEach(location -> InventoryApi.adjust(sku, location, "on_hand", 30));
        }
        AtomicInteger orders = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            for (int checkpoint = 0; checkpoint < 3; checkpoint++) {
                List<Future<?>> work = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    long seed = checkpoint * 100L + t;
                    work.add(threads.submit(() -> randomOperations(new Random(seed), skus, orders, 40)));
                }
                for (Future<?> done : work) {
                    done.get();
                }
                assertLedgerMatchesStock(skus);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static void randomOperations(Random random, List<String> skus, AtomicInteger orders, int count) {
        for (int i = 0; i < count; i++) {
            String sku = skus.get(random.nextInt(skus.size()));
            String location = LOCATIONS.get(random.nextInt(LOCATIONS.size()));
            String other = LOCATIONS.get(1 - LOCATIONS.indexOf(location));
            int quantity = 1 + random.nextInt(4);
            switch (random.nextInt(7)) {
                case 0, 1 -> {
                    String order = sku + "-o" + orders.incrementAndGet();
                    post(
                            "/reservations",
                            Map.of(
                                    "orderId",
                                    order,
                                    "channelId",
                                    "web",
                                    "lines",
                                    List.of(Map.of(
                                            "lineId",
                                            "1",
                                            "sku",
                                            sku,
                                            "quantity",
                                            quantity,
                                            "candidateLocationIds",
                                            List.of(location, other)))));
                    if (random.nextBoolean()) {
                        post("/reservations/" + order + (random.nextBoolean() ? "/release" : "/commit"), null);
                    }
                }
                case 2 -> post(
                        "/stock/adjustments",
                        Map.of(
                                "sku",
                                sku,
                                "locationId",
                                location,
                                "state",
                                "on_hand",
                                "delta",
                                random.nextBoolean() ? quantity : -quantity,
                                "reason",
                                "correction"));
                case 3 -> post(
                        "/stock/adjustments",
                        Map.of(
                                "sku",
                                sku,
                                "locationId",
                                location,
                                "state",
                                "quality_hold",
                                "delta",
                                random.nextBoolean() ? quantity : -quantity,
                                "reason",
                                "return"));
                case 4 -> post(
                        "/stock/adjustments",
                        Map.of(
                                "sku",
                                sku,
                                "locationId",
                                location,
                                "state",
                                "damaged",
                                "delta",
                                random.nextBoolean() ? 1 : -1,
                                "reason",
                                "damage"));
                case 5 -> {
                    String transfer = sku + "-t" + orders.incrementAndGet();
                    post(
                            "/transfers",
                            Map.of(
                                    "transferId",
                                    transfer,
                                    "sku",
                                    sku,
                                    "fromLocationId",
                                    location,
                                    "toLocationId",
                                    other,
                                    "quantity",
                                    quantity));
                    post("/transfers/" + transfer + "/receive", null);
                }
                default -> post(
                        "/stock/counts",
                        Map.of(
                                "sku",
                                sku,
                                "locationId",
                                location,
                                "countedOnHand",
                                20 + random.nextInt(20),
                                "countId",
                                "c" + orders.incrementAndGet()));
            }
        }
    }

    /** Refusals (409) are part of the mix; anything else but success is a failure of the service. */
    private static void post(String path, Object body) {
        var request = given().contentType(ContentType.JSON);
        int status = (body == null ? request : request.body(body)).post(path).statusCode();
        assertTrue(status < 300 || status == 409 || status == 404, path + " answered " + status);
    }

    private void assertLedgerMatchesStock(List<String> skus) {
        String[] ids = skus.toArray(new String[0]);
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(
                        """
                        select s.sku, s.location_id, s.on_hand, s.reserved, s.damaged, s.quality_hold, s.inbound,
                               coalesce(sum(l.on_hand_delta), 0) as on_hand_sum,
                               coalesce(sum(l.reserved_delta), 0) as reserved_sum,
                               coalesce(sum(l.damaged_delta), 0) as damaged_sum,
                               coalesce(sum(l.quality_hold_delta), 0) as quality_hold_sum,
                               coalesce(sum(l.inbound_delta), 0) as inbound_sum
                          from stock_level s left join ledger_entry l on l.sku = s.sku and l.location_id = s.location_id
                         where s.sku = any($1)
                         group by s.sku, s.location_id
                        """)
                .execute(io.vertx.mutiny.sqlclient.Tuple.of((Object) ids))
                .await()
                .indefinitely()
                .forEach(rows::add);
        assertEquals(skus.size() * LOCATIONS.size(), rows.size());
        for (Row row : rows) {
            String where = row.getString("sku") + "@" + row.getString("location_id");
            for (String state : List.of("on_hand", "reserved", "damaged", "quality_hold", "inbound")) {
                assertTrue(row.getInteger(state) >= 0, state + " negative at " + where);
                assertEquals(row.getInteger(state), row.getLong(state + "_sum").intValue(), state + " at " + where);
            }
            assertTrue(
                    row.getInteger("on_hand")
                                    - row.getInteger("reserved")
                                    - row.getInteger("damaged")
                                    - row.getInteger("quality_hold")
                            >= 0,
                    "sellable negative at " + where);
        }
    }
}
