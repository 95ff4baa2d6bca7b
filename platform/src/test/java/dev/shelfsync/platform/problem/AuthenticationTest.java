package dev.shelfsync.platform.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.shelfsync.platform.testing.AuthMatrix;
import dev.shelfsync.platform.testing.AuthMatrix.Call;
import dev.shelfsync.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The platform's answers to callers without the right token, and the location scope of warehouse staff. */
@QuarkusTest
class AuthenticationTest {

    private static final List<Call> CALLS =
            List.of(Call.get("/probe/secured"), Call.post("/probe/secured/locations/berlin/counts", "{}"));

    @Test
    void noTokenAndEveryHostileTokenAre401Problems() {
        AuthMatrix.refusesUnauthenticated(CALLS);
    }

    @Test
    void aValidTokenWithTheWrongRoleIsA403Problem() {
        AuthMatrix.refuses(Tokens.staff("wes", "berlin"), List.of(Call.get("/probe/secured")));
        AuthMatrix.refuses(Tokens.service(), CALLS);
    }

    @Test
    void warehouseStaffWorkOnlyAtTheirLocations() {
        given().header("Authorization", "Bearer " + Tokens.staff("wes", "berlin"))
                .post("/probe/secured/locations/berlin/counts")
                .then()
                .statusCode(200);
        given().header("Authorization", "Bearer " + Tokens.staff("wes", "berlin"))
                .post("/probe/secured/locations/hamburg/counts")
                .then()
                .statusCode(403)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://shelfsync.dev/problems/not-your-location"));
    }

    @Test
    void theDefaultTestCallerIsAnAdmin() {
        given().get("/probe/secured").then().statusCode(200).body(equalTo("root"));
    }
}
