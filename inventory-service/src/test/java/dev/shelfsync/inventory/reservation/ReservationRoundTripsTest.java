package dev.shelfsync.inventory.reservation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shelfsync.inventory.support.InventoryApi;
import dev.shelfsync.inventory.support.PgWireCounter;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins what one reservation costs PostgreSQL, counted on the wire (round trips that execute something; preparing a
 * statement happens once per pooled connection and is not counted). The reservation transaction holds its SKU
 * locks from the first statement to the commit, so each round trip adds to how long every other order of the same
 * SKU waits. Before policies and components were read once and the outbox rows batched, these were 17 and 34.
 */
@QuarkusTest
@WithTestResource(PgWireCounter.class)
class ReservationRoundTripsTest {

    PgWireCounter wire;

    @Test
    void aOneLineReservationTakesElevenRoundTrips() {
        String sku = InventoryApi.newSku();
        InventoryApi.sku(sku);
        InventoryApi.location("berlin", List.of());
        InventoryApi.adjust(sku, "berlin", "on_hand", 5);
        String orderId = "rt-" + sku;

        reserve(orderId, sku);

        PgWireCounter.Transaction tx = wire.transactionMentioning(orderId).orElseThrow();
        // begin, claim, components, lock, policies, reserve + ledger, versions, allocations, availability,
        // outbox (stock-changed, availability-changed, reservation-confirmed in one batch), commit
        assertEquals(11, tx.roundTrips(), () -> String.join("\n", tx.statements()));
        assertEquals(3, outboxRows(tx));
    }

    @Test
    void aBundleReservationTakesFifteenRoundTrips() {
        String mug = InventoryApi.newSku();
        String saucer = InventoryApi.newSku();
        String set = InventoryApi.newSku();
        List.of(mug, saucer, set).forEach(InventoryApi::sku);
        InventoryApi.location("berlin", List.of());
        InventoryApi.adjust(mug, "berlin", "on_hand", 5);
        InventoryApi.adjust(saucer, "berlin", "on_hand", 5);
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "components", List.of(Map.of("sku", mug, "quantity", 1), Map.of("sku", saucer, "quantity", 1))))
                .put("/bundles/{sku}", set)
                .then()
                .statusCode(200);
        String orderId = "rt-" + set;

        reserve(orderId, set);

        PgWireCounter.Transaction tx = wire.transactionMentioning(orderId).orElseThrow();
        // as above, plus the bundle's own lock and a savepoint around its components (two reserve statements)
        assertEquals(15, tx.roundTrips(), () -> String.join("\n", tx.statements()));
        // two stock-changed, three availability-changed (mug, saucer, set), one reservation-confirmed
        assertEquals(6, outboxRows(tx));
    }

    private static void reserve(String orderId, String sku) {
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "orderId",
                        orderId,
                        "channelId",
                        "shopify-main",
                        "lines",
                        List.of(Map.of(
                                "lineId", "1", "sku", sku, "quantity", 1, "candidateLocationIds", List.of("berlin")))))
                .post("/reservations")
                .then()
                .statusCode(201);
    }

    private static long outboxRows(PgWireCounter.Transaction tx) {
        return tx.statements().stream()
                .filter(statement -> statement.startsWith("insert into outbox_message"))
                .count();
    }
}
