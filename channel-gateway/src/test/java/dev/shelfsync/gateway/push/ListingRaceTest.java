package dev.shelfsync.gateway.push;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shelfsync.contracts.inventory.AvailabilityChanged;
import dev.shelfsync.gateway.TestSupport;
import dev.shelfsync.gateway.listing.ListingRepository;
import dev.shelfsync.gateway.listing.ListingRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A listing mapped at the very moment its SKU's first availability arrives must still get that availability:
 * otherwise it is never pushed (nothing else changes it until the next stock movement).
 */
@QuarkusTest
class ListingRaceTest {

    @Inject
    AvailabilityService availability;

    @Inject
    ListingRepository listings;

    @Test
    void aMappingSavedWhileItsSkusFirstAvailabilityIsAppliedGetsThatAvailability() {
        given().contentType("application/json")
                .body(
                        """
                        {"type":"woocommerce","name":"race","apiBaseUrl":"http://127.0.0.1:1","rateLimitPerSecond":1,
                         "credentials":{"webhookSecret":"x","apiToken":"t"}}""")
                .put("/channels/race-channel")
                .then()
                .statusCode(oneOf(200, 201));
        String run = "RACE-" + System.nanoTime() + "-";
        List<Uni<Void>> writes = new ArrayList<>();
        int skus = 400;
        for (int i = 0; i < skus; i++) {
            String sku = run + i;
            AvailabilityChanged change = new AvailabilityChanged(sku, 7, 5, Map.of(), Map.of(), List.of());
            writes.add(availability.apply(change, UUID.randomUUID().toString()).replaceWithVoid());
            // Lands at a different point of the change's transaction each time.
            Duration lag = Duration.ofMillis(1 + i % 5);
            writes.add(Uni.createFrom()
                    .voidItem()
                    .onItem()
                    .delayIt()
                    .by(lag)
                    .flatMap(ignored -> listings.upsert("race-channel", sku, new ListingRequest(sku, 1, null)))
                    .replaceWithVoid());
        }
        Uni.join().all(writes).andFailFast().await().atMost(Duration.ofSeconds(60));

        assertEquals(
                skus,
                TestSupport.count(
                        "select count(*) from listing_mapping where channel_id = 'race-channel'"
                                + " and listing_id like ? and desired_version = 7 and desired_quantity = 5",
                        run + "%"));
    }
}
