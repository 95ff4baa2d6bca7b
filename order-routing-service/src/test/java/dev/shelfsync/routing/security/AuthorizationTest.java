package dev.shelfsync.routing.security;

import static io.restassured.RestAssured.given;

import dev.shelfsync.platform.testing.AuthMatrix;
import dev.shelfsync.platform.testing.AuthMatrix.Call;
import dev.shelfsync.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Who may change routing data: no token or a hostile one is 401, the wrong role 403, and nothing is stored. */
@QuarkusTest
class AuthorizationTest {

    private final String location = "auth-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, Object> warehouse =
            Map.of("latitude", 52.5, "longitude", 13.4, "countryCode", "DE", "servesChannels", List.of("shop"));

    @Test
    void withoutAValidTokenNothingIsReadOrChanged() {
        AuthMatrix.refusesUnauthenticated(List.of(
                Call.put("/locations/" + location, warehouse),
                Call.put("/routing-rules/shop", Map.of("strategy", "nearest")),
                Call.post("/orders/" + UUID.randomUUID() + "/shipments", Map.of()),
                Call.get("/locations"),
                Call.get("/orders/" + UUID.randomUUID())));

        given().get("/locations/{id}", location).then().statusCode(404);
    }

    @Test
    void aRoleThatDoesNotCoverTheOperationIs403AndChangesNothing() {
        AuthMatrix.refuses(
                Tokens.staff("wes", "berlin"),
                List.of(
                        Call.put("/locations/" + location, warehouse),
                        Call.put("/routing-rules/shop", Map.of("strategy", "nearest"))));
        AuthMatrix.refuses(Tokens.service(), List.of(Call.put("/locations/" + location, warehouse)));

        given().get("/locations/{id}", location).then().statusCode(404);
    }
}
