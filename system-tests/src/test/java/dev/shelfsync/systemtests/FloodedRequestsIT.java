package dev.shelfsync.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelfsync.scenarios.LocalSystem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Requests too big to be parsed at all: one enormous header, thousands of headers, and a body streamed in chunks
 * (so no declared length gives it away) far past the limit, to a write operation of each service and to a webhook.
 * HTTP itself refuses the headers before any Shelfsync code runs (431, without a problem document: there is no request
 * yet to answer one for; or the connection is closed before the client has finished sending). The chunked body is
 * counted while it is read and refused with a 413 problem document whenever the client gets to read the answer before
 * the connection closes. Each service refuses instead of hanging or failing, stores nothing, and keeps serving everyone
 * else.
 */
class FloodedRequestsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLOSED = -1;
    private static final int TIMED_OUT = -2;
    // HTTP/1.1 so the chunked body is really sent as chunks, without an upgrade attempt in between
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Test
    void floodedHeadersAndStreamedOversizedBodiesAreRefusedAndChangeNothing() throws Exception {
        Map<String, Long> rowsBefore = StoredRows.settled();
        String admin = "Bearer " + SystemUnderTest.token("flood-admin", List.of("admin"), List.of());
        List<String> wrong = new ArrayList<>();
        int sent = 0;
        int answeredWithProblem = 0;

        List<String> targets = new ArrayList<>();
        for (String service : LocalSystem.SERVICES.keySet()) {
            targets.add(SystemUnderTest.url(service) + firstPostPath(service));
        }
        // the case a marketplace (or someone posing as one) can reach: no token, the signature is checked after the
        // read
        targets.add(SystemUnderTest.url("gateway") + "/webhooks/shopify/flood-probe");
        for (String target : targets) {

            HttpRequest.Builder oneHugeHeader = post(target, admin).header("X-Flood", "x".repeat(64 * 1024));
            HttpRequest.Builder manyHeaders = post(target, admin);
            for (int i = 0; i < 2_000; i++) {
                manyHeaders.header("X-Flood-" + i, "flood-" + i);
            }
            byte[] body = new byte[3 * 1024 * 1024];
            Arrays.fill(body, (byte) ' ');
            HttpRequest streamedBody = post(target, admin)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                    .build();

            for (Map.Entry<String, HttpRequest> attempt : Map.of(
                            "a 64 KiB header",
                            oneHugeHeader
                                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                    .build(),
                            "2,000 headers",
                            manyHeaders
                                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                    .build(),
                            "a 3 MiB chunked body",
                            streamedBody)
                    .entrySet()) {
                sent++;
                Answer answer = answerTo(attempt.getValue());
                int status = answer.status();
                // Refused with 431/413, or by closing the connection while the client is still sending (the Java
                // client then reports no status). A timeout is a hang: wrong.
                boolean refused = (status >= 400 && status < 500) || status == CLOSED;
                if (!refused) {
                    wrong.add(target + " " + attempt.getKey() + ": "
                            + (status == TIMED_OUT ? "no answer within 30 s" : status));
                } else if (attempt.getValue() == streamedBody && status != CLOSED && !answer.isProblem()) {
                    wrong.add(target + " " + attempt.getKey() + ": " + status + " as '" + answer.contentType() + "' "
                            + answer.body());
                } else if (answer.isTooLargeProblem()) {
                    answeredWithProblem++;
                }
            }
        }

        System.out.printf(
                "[flood] %d flooded requests, %d answered wrongly, %d of %d chunked bodies answered with a 413 problem%n",
                sent, wrong.size(), answeredWithProblem, targets.size());
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertEquals(rowsBefore, StoredRows.settled(), "flooded requests changed stored rows");
        for (String service : LocalSystem.SERVICES.keySet()) {
            HttpRequest ready = HttpRequest.newBuilder(URI.create(SystemUnderTest.url(service) + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(10))
                    .build();
            assertEquals(200, answerTo(ready).status(), service + " not ready after the flood");
        }
    }

    private static HttpRequest.Builder post(String url, String authorization) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", authorization);
    }

    /** What came back: status {@link #CLOSED} when the connection closed unanswered, {@link #TIMED_OUT} on a hang. */
    private record Answer(int status, String contentType, String body) {

        /** Any refusal a handler answered: a problem document, and when the body was too large, that one. */
        boolean isProblem() {
            return contentType.startsWith("application/problem+json") && (status != 413 || isTooLargeProblem());
        }

        boolean isTooLargeProblem() {
            return status == 413
                    && contentType.startsWith("application/problem+json")
                    && body.contains("\"status\":413")
                    && body.contains("payload-too-large");
        }
    }

    private static Answer answerTo(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (HttpTimeoutException e) {
            return new Answer(TIMED_OUT, "", "");
        } catch (IOException e) {
            return new Answer(CLOSED, "", "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(TIMED_OUT, "", "");
        }
    }

    /** A real write endpoint of the service, from its own OpenAPI document; path parameters filled in. */
    private static String firstPostPath(String service) throws Exception {
        HttpRequest openapi = HttpRequest.newBuilder(
                        URI.create(SystemUnderTest.url(service) + "/q/openapi?format=json"))
                .build();
        JsonNode paths = JSON.readTree(CLIENT.send(openapi, HttpResponse.BodyHandlers.ofString())
                        .body())
                .path("paths");
        for (Iterator<String> names = paths.fieldNames(); names.hasNext(); ) {
            String path = names.next();
            if (paths.path(path).has("post") && !path.startsWith("/webhooks")) {
                return path.replaceAll("\\{[^}]+}", "flood-probe");
            }
        }
        throw new IllegalStateException(service + " documents no POST operation");
    }
}
