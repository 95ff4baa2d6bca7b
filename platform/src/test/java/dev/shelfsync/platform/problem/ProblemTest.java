package dev.shelfsync.platform.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The refusals every service shares, answered as problem documents (the body limit here is 1 MB). */
@QuarkusTest
class ProblemTest {

    @TestHTTPResource("/probe/raw")
    URI raw;

    @Test
    void aBodyDeclaredOverTheLimitIsRefusedAsAProblem() {
        given().contentType("application/json")
                .body(new byte[1024 * 1024 + 1])
                .post("/probe/raw")
                .then()
                .statusCode(413)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://shelfsync.dev/problems/payload-too-large"))
                .body("status", equalTo(413))
                .body("detail", containsString("nothing was stored"));
    }

    /**
     * A chunked body declares no length, so it is refused only once it has grown past the limit, while the operation
     * reads it; the answer is the same problem document, and the body is never served. Both a JSON operation and one
     * taking the raw bytes (as the webhooks do) are tried.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/probe/raw", "/probe/orders"})
    void aChunkedBodyGrowingOverTheLimitIsRefusedAsAProblem(String path) throws Exception {
        byte[] body = new byte[2 * 1024 * 1024];
        Arrays.fill(body, (byte) ' ');
        HttpResponse<String> response = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                        HttpRequest.newBuilder(raw.resolve(path))
                                .header("Content-Type", "application/json")
                                // no length: the client streams the body in chunks
                                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode());
        assertEquals(
                Problem.MEDIA_TYPE,
                response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().contains("https://shelfsync.dev/problems/payload-too-large"), response.body());
        assertTrue(response.body().contains("nothing was stored"), response.body());
        assertFalse(response.body().contains(Integer.toString(body.length)), response.body());
    }

    @Test
    void aChunkedBodyWithinTheLimitIsServed() throws Exception {
        byte[] body = new byte[600 * 1024];
        HttpResponse<String> response = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                        HttpRequest.newBuilder(raw)
                                .header("Content-Type", "application/octet-stream")
                                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals(Integer.toString(body.length), response.body());
    }

    @Test
    void aBodyWithinTheLimitIsServed() {
        given().contentType("text/plain")
                .body(new byte[1000])
                .post("/probe/raw")
                .then()
                .statusCode(200)
                .body(equalTo("1000"));
    }

    @Test
    void anUnknownResourceIsANotFoundProblem() {
        given().get("/probe/things/42")
                .then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://shelfsync.dev/problems/not-found"))
                .body("detail", equalTo("No thing 42."));
    }

    @Test
    void invalidFieldsAreListedAsViolations() {
        given().contentType("application/json")
                .body("{\"sku\":\"\",\"quantity\":0}")
                .post("/probe/orders")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://shelfsync.dev/problems/invalid-request"))
                .body("violations.field", contains("quantity", "sku"));
    }

    @Test
    void anUnreadableBodyIsAMalformedJsonProblemWithoutInternals() {
        given().contentType("application/json")
                .body("{\"sku\":")
                .post("/probe/orders")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://shelfsync.dev/problems/malformed-json"))
                .body(not(containsString("Exception")));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"\"text where an object belongs\"", "[1, 2, 3]", "{\"sku\": \"mug\", \"quantity\": \"many\"}"})
    void wellFormedJsonOfTheWrongShapeIsAMalformedJsonProblem(String body) {
        given().contentType("application/json")
                .body(body)
                .post("/probe/orders")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://shelfsync.dev/problems/malformed-json"))
                .body(not(containsString("Exception")));
    }

    @Test
    void jsonNestedDeeperThanTheParserAllowsIsAMalformedJsonProblem() {
        given().contentType("application/json")
                .body("{\"a\":".repeat(3000) + "1" + "}".repeat(3000))
                .post("/probe/orders")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://shelfsync.dev/problems/malformed-json"));
    }
}
