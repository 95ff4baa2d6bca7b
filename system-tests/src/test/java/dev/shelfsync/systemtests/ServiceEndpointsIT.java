package dev.shelfsync.systemtests;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.shelfsync.scenarios.LocalSystem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every packaged service reports its database and broker in readiness and serves OpenAPI and metrics. */
class ServiceEndpointsIT {

    static Iterable<String> services() {
        return LocalSystem.SERVICES.keySet();
    }

    @ParameterizedTest
    @MethodSource("services")
    void healthReportsDatabaseAndBroker(String service) {
        given().baseUri(SystemUnderTest.url(service))
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("PostgreSQL")))
                .body("checks.name", hasItem(containsString("Messaging")));
        given().baseUri(SystemUnderTest.url(service))
                .get("/q/health/live")
                .then()
                .statusCode(200);
    }

    @ParameterizedTest
    @MethodSource("services")
    void servesOpenApiAndPrometheusMetrics(String service) {
        given().baseUri(SystemUnderTest.url(service))
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("openapi", containsString("3."));
        given().baseUri(SystemUnderTest.url(service))
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }
}
