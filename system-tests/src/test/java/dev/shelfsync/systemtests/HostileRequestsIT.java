package dev.shelfsync.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelfsync.scenarios.LocalSystem;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Bad requests generated from every service's own OpenAPI document, against every operation: missing and forged
 * tokens, unsigned webhooks, broken, mistyped, deeply nested, huge and oversized bodies, wrong content types,
 * absurd page sizes and injection strings in path parameters. Every answer is a 4xx problem+json without a stack
 * trace (a path lookup may also find nothing and answer 200), no table of any service gains or loses a row, and
 * every service is ready afterwards.
 */
class HostileRequestsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INJECTION = "x'; drop table sku; --<script>";
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<String> failures = new ArrayList<>();
    private int sent;

    @Test
    void everyBadRequestIsRefusedWithProblemJsonAndChangesNothing() throws Exception {
        Map<String, Long> rowsBefore = StoredRows.settled();
        String admin = SystemUnderTest.token("hostile-admin", List.of("admin"), List.of());

        for (String service : LocalSystem.SERVICES.keySet()) {
            String base = SystemUnderTest.url(service);
            JsonNode paths = JSON.readTree(get(base + "/q/openapi?format=json")).path("paths");
            paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
                String method = operation.getKey().toUpperCase();
                if (List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    attack(base, method, path.getKey(), operation.getValue(), admin);
                }
            }));
        }

        System.out.printf(
                "[hostile] %d bad requests to %d services, %d answered wrongly%n",
                sent, LocalSystem.SERVICES.size(), failures.size());
        assertTrue(sent >= 500, "only " + sent + " hostile requests were generated");
        assertTrue(
                failures.isEmpty(),
                failures.size() + " of " + sent + " answered wrongly:\n" + String.join("\n", failures));
        assertEquals(rowsBefore, StoredRows.settled(), "hostile requests changed stored rows");
        for (String service : LocalSystem.SERVICES.keySet()) {
            assertEquals(200, status(SystemUnderTest.url(service) + "/q/health/ready"), service + " not ready");
        }
        assertNoLogContains(admin.substring(admin.lastIndexOf('.') + 1));
    }

    /** A bearer token (its signature part is enough to replay it) must never reach a service log. */
    private static void assertNoLogContains(String secret) throws IOException {
        try (Stream<Path> logs = Files.walk(SystemUnderTest.get().logs())) {
            for (Path log : logs.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(log, StandardCharsets.ISO_8859_1).contains(secret), "a token in " + log);
            }
        }
    }

    private void attack(String base, String method, String template, JsonNode operation, String admin) {
        boolean webhook = template.startsWith("/webhooks");
        boolean hasBody = operation.has("requestBody") || (webhook && !method.equals("GET"));
        String path = template.replaceAll("\\{[^}]+}", "hostile-probe");
        String label = method + " " + base + template;
        String json = hasBody ? "{\"sku\":\"hostile\"}" : null;

        if (webhook) {
            expectRefused(label + " unsigned", request(base + path, method, json, "application/json", Map.of()));
            expectRefused(
                    label + " forged signature",
                    request(base + path, method, json, "application/json", forgedSignatures()));
            expectRefused(
                    label + " invalid JSON, unsigned",
                    request(base + path, method, "{\"id\":", "application/json", Map.of()));
        } else {
            expectRefused(label + " without a token", request(base + path, method, json, "application/json", Map.of()));
            for (Map.Entry<String, String> token : hostileTokens().entrySet()) {
                expectRefused(
                        label + " with " + token.getKey(),
                        request(
                                base + path,
                                method,
                                json,
                                "application/json",
                                Map.of("Authorization", token.getValue())));
            }
        }

        Map<String, String> signedIn = webhook ? Map.of() : Map.of("Authorization", "Bearer " + admin);
        if (hasBody) {
            Map<String, String> bodies = new LinkedHashMap<>();
            bodies.put("invalid JSON", "{\"sku\": ");
            bodies.put("a string for an object", "\"just text\"");
            bodies.put("an empty body", "");
            bodies.put("null", "null");
            bodies.put("nested 5000 deep", "[".repeat(5000) + "]".repeat(5000));
            bodies.put("200,000 numbers", "[" + "1,".repeat(200_000) + "1]");
            bodies.put("over the 1 MB limit", "{\"sku\":\"" + "x".repeat(1_200_000) + "\"}");
            for (Map.Entry<String, String> body : bodies.entrySet()) {
                expectRefused(
                        label + " " + body.getKey(),
                        request(base + path, method, body.getValue(), "application/json", signedIn));
            }
            expectRefused(label + " as text/plain", request(base + path, method, "{}", "text/plain", signedIn));
            expectRefused(label + " as XML", request(base + path, method, "<sku>x</sku>", "application/xml", signedIn));
        }
        for (JsonNode parameter : operation.path("parameters")) {
            String name = parameter.path("name").asText();
            if (parameter.path("in").asText().equals("query") && name.equals("limit")) {
                for (String limit : List.of("1000000", "-1", "0", "many")) {
                    expectRefused(
                            label + " limit=" + limit,
                            request(base + path + "?limit=" + limit, method, json, "application/json", signedIn));
                }
            }
        }
        if (template.contains("{") && method.equals("GET")) {
            String injected = template.replaceAll("\\{[^}]+}", URLEncoder.encode(INJECTION, StandardCharsets.UTF_8));
            expectNoServerError(
                    label + " injection in the path", request(base + injected, method, null, null, signedIn));
        }
    }

    private void expectRefused(String label, HttpResponse<String> response) {
        sent++;
        if (response == null) {
            failures.add(label + ": no answer");
            return;
        }
        int status = response.statusCode();
        if (status < 400 || status >= 500) {
            failures.add(label + ": " + status + " " + abbreviate(response.body()));
            return;
        }
        checkProblem(label, response);
    }

    private void expectNoServerError(String label, HttpResponse<String> response) {
        sent++;
        if (response == null || response.statusCode() >= 500) {
            failures.add(label + ": "
                    + (response == null ? "no answer" : response.statusCode() + " " + abbreviate(response.body())));
        } else if (response.statusCode() >= 400) {
            checkProblem(label, response);
        }
    }

    private void checkProblem(String label, HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        String body = response.body();
        if (!type.startsWith("application/problem+json")) {
            failures.add(label + ": " + response.statusCode() + " as '" + type + "' " + abbreviate(body));
        } else if (body.contains("\tat ") || body.contains("Exception") || body.contains("java.")) {
            failures.add(label + ": a stack trace or exception in the answer " + abbreviate(body));
        }
    }

    private static HttpResponse<String> request(
            String url, String method, String body, String contentType, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            return null;
        }
    }

    /** Tokens no service may accept. */
    private static Map<String, String> hostileTokens() {
        String valid = SystemUnderTest.token("mallory", List.of("warehouse-staff"), List.of("nowhere"));
        String[] parts = valid.split("\\.");
        String escalated = encode("{\"upn\":\"mallory\",\"groups\":[\"admin\"],\"iss\":\"https://shelfsync.dev/local\","
                + "\"aud\":\"shelfsync\",\"exp\":4102444800}");
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("a token that is no JWT", "Bearer not.a.token");
        tokens.put(
                "an unsigned token (alg none)",
                "Bearer " + encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + escalated + ".");
        tokens.put(
                "a payload swapped under a valid signature", "Bearer " + parts[0] + "." + escalated + "." + parts[2]);
        tokens.put("basic credentials", "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes()));
        tokens.put("an empty bearer", "Bearer ");
        return tokens;
    }

    private static Map<String, String> forgedSignatures() {
        return Map.of(
                "X-Shopify-Hmac-Sha256", Base64.getEncoder().encodeToString(new byte[32]),
                "X-WC-Webhook-Signature", Base64.getEncoder().encodeToString(new byte[32]),
                "webhook-id", "msg_hostile",
                "webhook-timestamp", String.valueOf(System.currentTimeMillis() / 1000),
                "webhook-signature", "v1," + Base64.getEncoder().encodeToString(new byte[32]));
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String get(String url) {
        HttpResponse<String> response = request(url, "GET", null, null, Map.of());
        if (response == null || response.statusCode() != 200) {
            throw new IllegalStateException("cannot read " + url);
        }
        return response.body();
    }

    private static int status(String url) {
        HttpResponse<String> response = request(url, "GET", null, null, Map.of());
        return response == null ? -1 : response.statusCode();
    }

    private static String abbreviate(String body) {
        String oneLine = body == null ? "" : body.replaceAll("\\s+", " ");
        return oneLine.length() > 160 ? oneLine.substring(0, 160) + "..." : oneLine;
    }
}
