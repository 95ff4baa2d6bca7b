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
 * (so no declared length gives it away) far past the limit. HTTP itself refuses these before any Shelfsync code runs
 * (431 and 413, without a problem document: there is no request yet to answer one for; or the connection is closed
 * before the client has finished sending); what matters is that each service refuses instead of hanging or failing,
 * stores nothing, and keeps serving everyone else.
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

        for (String service : LocalSystem.SERVICES.keySet()) {
            String target = SystemUnderTest.url(service) + firstPostPath(service);

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
                int status = statusOf(attempt.getValue());
                // HTTP refuses these before any handler runs: with 431/413, or by closing the connection while the
                // client is still sending (the Java client then reports no status). A timeout is a hang: wrong.
                boolean refused = (status >= 400 && status < 500) || status == CLOSED;
                if (!refused) {
                    wrong.add(service + " " + target + " " + attempt.getKey() + ": "
                            + (status == TIMED_OUT ? "no answer within 30 s" : status));
                }
            }
        }

        System.out.printf("[flood] %d flooded requests, %d answered wrongly%n", sent, wrong.size());
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertEquals(rowsBefore, StoredRows.settled(), "flooded requests changed stored rows");
        for (String service : LocalSystem.SERVICES.keySet()) {
            HttpRequest ready = HttpRequest.newBuilder(URI.create(SystemUnderTest.url(service) + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(10))
                    .build();
            assertEquals(200, statusOf(ready), service + " not ready after the flood");
        }
    }

    private static HttpRequest.Builder post(String url, String authorization) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", authorization);
    }

    /** The status, {@link #CLOSED} when the service closed the connection unanswered, {@link #TIMED_OUT} on a hang. */
    private static int statusOf(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (HttpTimeoutException e) {
            return TIMED_OUT;
        } catch (IOException e) {
            return CLOSED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TIMED_OUT;
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
