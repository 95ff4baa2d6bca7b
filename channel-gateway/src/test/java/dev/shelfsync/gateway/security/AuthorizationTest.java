package dev.shelfsync.gateway.security;

import static io.restassured.RestAssured.given;

import dev.shelfsync.platform.testing.AuthMatrix;
import dev.shelfsync.platform.testing.AuthMatrix.Call;
import dev.shelfsync.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Channels, credentials and listings are behind a token (webhooks are authenticated by their signature, tested in
 * intake): no token or a hostile one is 401, the wrong role 403, and nothing is stored.
 */
@QuarkusTest
class AuthorizationTest {

    private final String channel = "auth-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, Object> shop = Map.of(
            "marketplace",
            "shopify",
            "endpoint",
            "https://example.myshopify.com",
            "credentials",
            Map.of("webhookSecret", "s3cret-value", "apiToken", "token-value"));

    @Test
    void withoutAValidTokenNothingIsReadOrChanged() {
        AuthMatrix.refusesUnauthenticated(List.of(
                Call.put("/channels/" + channel, shop),
                Call.put("/channels/" + channel + "/listings/L-1", Map.of("sku", "S-1")),
                Call.delete("/channels/" + channel + "/listings/L-1"),
                Call.get("/channels"),
                Call.get("/channels/" + channel)));

        given().get("/channels/{id}", channel).then().statusCode(404);
    }

    @Test
    void aRoleThatDoesNotCoverTheOperationIs403AndChangesNothing() {
        AuthMatrix.refuses(
                Tokens.staff("wes", "berlin"), List.of(Call.put("/channels/" + channel, shop), Call.get("/channels")));
        AuthMatrix.refuses(Tokens.service(), List.of(Call.put("/channels/" + channel, shop)));

        given().get("/channels/{id}", channel).then().statusCode(404);
    }
}
