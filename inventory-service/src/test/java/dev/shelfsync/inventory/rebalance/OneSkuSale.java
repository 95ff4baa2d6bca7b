package dev.shelfsync.inventory.rebalance;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.channels.AvailabilityAcknowledged;
import dev.shelfsync.inventory.support.InventoryApi;
import dev.shelfsync.platform.testing.LocalBroker;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sale of one SKU on fenced channels, with each store kept the way the gateway keeps a fenced store: it shows the
 * last availability it was given and acknowledges it ({@code channels.availability-acknowledged}); a buyer buys
 * while the store shows stock, and a sale inventory then refuses is oversold. Channels take turns, one buyer each.
 */
final class OneSkuSale {

    /** Units sold per channel (reserved by inventory) and sales the stores made that inventory refused. */
    record Result(Map<String, Integer> sold, int oversold) {

        int total() {
            return sold.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final LocalBroker broker;
    private final String sku;
    private final Map<String, Integer> shelf = new LinkedHashMap<>();
    private final Map<String, Long> shownVersion = new LinkedHashMap<>();

    private OneSkuSale(LocalBroker broker, String sku) {
        this.broker = broker;
        this.sku = sku;
    }

    /**
     * @param fences per channel its fence on the SKU; together they hold all of {@code units}
     * @param buyers per channel how many buyers want one unit each
     */
    static Result run(int units, Map<String, Integer> fences, Map<String, Integer> buyers) throws Exception {
        String sku = InventoryApi.newSku();
        InventoryApi.sku(sku);
        InventoryApi.location("berlin", List.of());
        InventoryApi.adjust(sku, "berlin", "on_hand", units);
        fences.forEach((channel, fence) -> InventoryApi.fence(sku, channel, fence));
        try (LocalBroker broker = new LocalBroker()) {
            return new OneSkuSale(broker, sku).sell(new LinkedHashMap<>(buyers));
        }
    }

    private Result sell(Map<String, Integer> waiting) {
        Map<String, Integer> sold = new LinkedHashMap<>();
        waiting.keySet().forEach(channel -> sold.put(channel, 0));
        int oversold = 0;
        int order = 0;
        while (true) {
            boolean sale = false;
            for (String channel : waiting.keySet()) {
                showLatest(channel);
                if (waiting.get(channel) == 0 || shelf.get(channel) <= 0) {
                    continue;
                }
                waiting.merge(channel, -1, Integer::sum);
                shelf.merge(channel, -1, Integer::sum);
                sale = true;
                int status = given().contentType(ContentType.JSON)
                        .body(InventoryApi.order(sku + "-" + order++, channel, sku, 1))
                        .post("/reservations")
                        .statusCode();
                if (status == 201) {
                    sold.merge(channel, 1, Integer::sum);
                } else {
                    oversold++;
                }
            }
            if (!sale) {
                if (moving()) {
                    // Every store has acknowledged what it shows: the moves waiting for that land now.
                    await().atMost(Duration.ofSeconds(20)).until(() -> !moving());
                } else if (!changedSinceShown()) {
                    return new Result(sold, oversold);
                }
            }
        }
    }

    /** Gives the channel's store the latest availability, which it then acknowledges. */
    private void showLatest(String channel) {
        JsonPath availability =
                given().get("/availability/{sku}", sku).then().extract().jsonPath();
        long version = availability.getLong("version");
        if (version <= shownVersion.getOrDefault(channel, 0L)) {
            return;
        }
        Integer shown = availability.get("channels.'" + channel + "'");
        shelf.put(channel, shown == null ? availability.getInt("defaultAvailable") : shown);
        shownVersion.put(channel, version);
        broker.publish(
                "channels", RoutingKeys.AVAILABILITY_ACKNOWLEDGED, new AvailabilityAcknowledged(channel, sku, version));
    }

    /** Whether some store has not been given the latest availability yet (a move landed after it looked). */
    private boolean changedSinceShown() {
        long latest = given().get("/availability/{sku}", sku)
                .then()
                .extract()
                .jsonPath()
                .getLong("version");
        return shownVersion.values().stream().anyMatch(version -> version < latest);
    }

    private boolean moving() {
        List<String> states = given().get("/skus/{sku}/rebalances", sku)
                .then()
                .extract()
                .jsonPath()
                .getList("state");
        return states.contains("lowering");
    }
}
