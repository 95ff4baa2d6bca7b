package dev.shelfsync.alerting.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shelfsync.platform.testing.AuthMatrix;
import dev.shelfsync.platform.testing.AuthMatrix.Call;
import dev.shelfsync.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Rules, targets and acknowledgements are behind a token: 401 without one, 403 for the wrong role, nothing stored. */
@QuarkusTest
class AuthorizationTest {

    private final Map<String, Object> rule = Map.of("kind", "low-stock", "threshold", 5, "severity", "warning");
    private final Map<String, Object> target =
            Map.of("kind", "webhook", "url", "https://hooks.example.com/shelfsync", "secret", "hook-secret-value");

    @Test
    void withoutAValidTokenNothingIsReadOrChanged() {
        int rules = count("/rules");
        int targets = count("/notification-targets");

        AuthMatrix.refusesUnauthenticated(List.of(
                Call.post("/rules", rule),
                Call.post("/notification-targets", target),
                Call.post("/alerts/" + UUID.randomUUID() + "/acknowledge", Map.of()),
                Call.get("/alerts"),
                Call.get("/reorder-suggestions")));

        assertEquals(rules, count("/rules"));
        assertEquals(targets, count("/notification-targets"));
    }

    @Test
    void aRoleThatDoesNotCoverTheOperationIs403AndChangesNothing() {
        int rules = count("/rules");

        AuthMatrix.refuses(
                Tokens.staff("wes", "berlin"),
                List.of(Call.post("/rules", rule), Call.post("/notification-targets", target), Call.get("/rules")));
        AuthMatrix.refuses(Tokens.service(), List.of(Call.post("/rules", rule)));

        assertEquals(rules, count("/rules"));
    }

    private static int count(String path) {
        return given().get(path)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$")
                .size();
    }
}
