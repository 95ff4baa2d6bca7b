package dev.shelfsync.gateway.health;

import static dev.shelfsync.gateway.GatewayFixtures.availability;
import static dev.shelfsync.gateway.GatewayFixtures.channel;
import static dev.shelfsync.gateway.GatewayFixtures.listing;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.shelfsync.platform.testing.SignedIn;
import dev.shelfsync.platform.testing.Tokens;
import dev.shelfsync.simulator.ChannelConfig;
import dev.shelfsync.simulator.MarketplaceSimulator;
import dev.shelfsync.simulator.SimulatorConfig;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.net.URL;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A channel's health follows what really happens to it: pushed and in step it is ok; a store changed by hand is
 * found drifted and repaired; a store that is down leaves a growing backlog and reads failing with its error; a
 * refused push names its listing; once the store answers again it is ok.
 */
@QuarkusTest
class ChannelHealthTest {

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void theFiguresFollowPushesOutagesRefusalsAndDrift() {
        long n = ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000);
        String id = "hl" + n;
        String listingId = String.valueOf(n);
        String sku = "HEALTH-" + n;
        try (MarketplaceSimulator simulator = MarketplaceSimulator.start(
                SimulatorConfig.of(ChannelConfig.of(id, "woocommerce", "h" + n, gateway.toString(), 5)
                        .withListing(listingId, 0)))) {
            channel(id, "woocommerce", "h" + n, simulator.apiBaseUrl(id), 5, "{\"reconcileIntervalSeconds\":\"0.5\"}");
            listing(id, listingId, sku, 1);
            availability(sku, 1, 9);
            awaitListed(simulator, id, listingId, 9);

            awaitHealth(id, health -> health.body("channelId", equalTo(id))
                    .body("state", equalTo("ok"))
                    .body("lastPushAt", notNullValue())
                    .body("lastPushAgeSeconds", greaterThanOrEqualTo(0))
                    .body("lastPushError", nullValue())
                    .body("backlog.listings", equalTo(0))
                    .body("backlog.oldestSince", nullValue())
                    .body("failures.listingsInError", equalTo(0))
                    .body("failures.failingSince", nullValue())
                    .body("rateLimit.perSecond", equalTo(5))
                    .body("rateLimit.usedPerSecond", greaterThan(0f))
                    .body("rateLimit.windowSeconds", equalTo(60))
                    .body("lag.windowSeconds", equalTo(60))
                    .body("reconciliation.outcome", equalTo("completed"))
                    .body("reconciliation.listingsChecked", equalTo(1)));

            // Changed in the store's admin: the next sweep finds it and the repush puts it right.
            simulator.setListedQuantity(id, listingId, 40);
            awaitHealth(id, health -> health.body("reconciliation.driftFound", equalTo(1))
                    .body("reconciliation.driftRepaired", equalTo(1))
                    .body("reconciliation.driftFoundTotal", equalTo(1))
                    .body("reconciliation.lastDriftAt", notNullValue()));
            awaitListed(simulator, id, listingId, 9);

            // The store is down while the number changes: the listing waits, the channel is failing and says why.
            simulator.failFor(id, 503, Duration.ofSeconds(6));
            availability(sku, 2, 5);
            awaitHealth(id, health -> health.body("state", equalTo("failing"))
                    .body("backlog.listings", equalTo(1))
                    .body("backlog.oldestSince", notNullValue())
                    .body("backlog.oldestAgeSeconds", greaterThanOrEqualTo(0))
                    .body("failures.failingSince", notNullValue())
                    .body("failures.lastError", equalTo("HTTP 503")));
            awaitListed(simulator, id, listingId, 5);
            awaitHealth(id, health -> health.body("state", equalTo("ok"))
                    .body("backlog.listings", equalTo(0))
                    .body("failures.failingSince", nullValue()));

            // A push the marketplace refuses is not retried: no backlog, but the listing is in error and named.
            simulator.failFor(id, 422, Duration.ofSeconds(2));
            availability(sku, 3, 4);
            awaitHealth(id, health -> health.body("state", equalTo("failing"))
                    .body("backlog.listings", equalTo(0))
                    .body("failures.listingsInError", equalTo(1))
                    .body("lastPushError.listingId", equalTo(listingId))
                    .body("lastPushError.error", equalTo("HTTP 422")));
        }
    }

    @Test
    void anUnknownChannelIsANotFoundProblem() {
        given().get("/channels/{c}/health", "no-such-channel")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", equalTo("Channel no-such-channel does not exist."));
    }

    @Test
    void theOpenApiDocumentDescribesIt() {
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("paths.'/channels/{channelId}/health'.get.responses.'404'.description", startsWith("Unknown"))
                .body("components.schemas.ChannelHealth.properties.backlog", notNullValue());
    }

    @Test
    void onlyMerchantOpsAndAdminsReadAChannelsHealth() {
        String id = "hl-auth-" + ThreadLocalRandom.current().nextInt(1_000_000);
        channel(id, "custom", "secret", null, 3, null);
        given().header("Authorization", "Bearer " + Tokens.merchantOps())
                .get("/channels/{c}/health", id)
                .then()
                .statusCode(200)
                .body("state", equalTo("ok"))
                .body("lastPushAt", nullValue())
                .body("lag.samples", equalTo(0))
                .body("lag.p99Millis", nullValue())
                .body("rateLimit.perSecond", equalTo(3))
                .body("rateLimit.usedPerSecond", equalTo(0f))
                .body("reconciliation", nullValue());
        for (String token : new String[] {Tokens.service(), Tokens.staff("wes", "berlin")}) {
            given().header("Authorization", "Bearer " + token)
                    .get("/channels/{c}/health", id)
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
        }
        SignedIn.nobody();
        given().get("/channels/{c}/health", id).then().statusCode(401).contentType("application/problem+json");
    }

    private static void awaitHealth(String channelId, Consumer<ValidatableResponse> expected) {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> expected.accept(
                        given().get("/channels/{c}/health", channelId).then().statusCode(200)));
    }

    private static void awaitListed(MarketplaceSimulator simulator, String channelId, String listingId, int quantity) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Objects.equals(simulator.listedQuantity(channelId, listingId), quantity));
    }
}
