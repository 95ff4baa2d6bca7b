package dev.shelfsync.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelfsync.scenarios.LocalSystem;
import dev.shelfsync.simulator.ChannelConfig;
import dev.shelfsync.simulator.MarketplaceSimulator;
import dev.shelfsync.simulator.SimulatorConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Bad requests generated from every service's own OpenAPI document, against every operation: missing and forged
 * tokens, unsigned webhooks, broken, mistyped, deeply nested, huge and oversized bodies, wrong content types,
 * absurd page sizes and injection strings in path parameters and SKU fields; and, against a channel that really
 * exists, webhooks signed with the wrong secret, re-serialised under a genuine signature, or carrying the signature
 * of another body. Every answer is a 4xx problem+json without a stack trace (a path lookup may also find nothing and
 * answer 200), no table of any service gains or loses a row, no queue gains or loses a message, every service is
 * ready afterwards, and no secret of the run (webhook secret, channel credential, any token sent) is in a service log.
 */
class HostileRequestsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INJECTION = "x'; drop table sku; --<script>";
    private static final HttpClient CLIENT =
            // HTTP/1.1: the JDK's h2c upgrade attempt is not what a marketplace sends, and one stuck upgrade hung a run
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
    // the request timeout only covers the headers; this bounds the whole answer, body included
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(45);

    private static final String SHOP = "hostile-shop";
    private static final String SHOP_SECRET = "hostile-shop-webhook-secret-0042";

    private final List<String> failures = new ArrayList<>();
    private final List<String> secrets = new ArrayList<>();
    // made once, so the log check below looks for exactly the tokens that were sent
    private final Map<String, String> tokens = hostileTokens();
    private int sent;

    @Test
    void everyBadRequestIsRefusedWithProblemJsonAndChangesNothing() throws Exception {
        String gateway = SystemUnderTest.url("gateway");
        try (MarketplaceSimulator stores = MarketplaceSimulator.start(
                SimulatorConfig.of(ChannelConfig.of(SHOP, "shopify", SHOP_SECRET, gateway, 5)))) {
            GatewayCalls.channel(stores, SHOP, "shopify", SHOP_SECRET);
            secrets.add(SHOP_SECRET);
            secrets.add("token-" + SHOP); // the channel's API credential, as GatewayCalls registers it
            attackEverything(gateway);
        }
    }

    private void attackEverything(String gateway) throws Exception {
        Map<String, Long> rowsBefore = StoredRows.settled();
        Map<String, Long> queuesBefore = QueueDepths.settled();
        String admin = SystemUnderTest.token("hostile-admin", List.of("admin"), List.of());
        secrets.add(signatureOf(admin));

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
        attackRealChannel(gateway);

        System.out.printf(
                "[hostile] %d bad requests to %d services, %d answered wrongly%n",
                sent, LocalSystem.SERVICES.size(), failures.size());
        assertTrue(sent >= 500, "only " + sent + " hostile requests were generated");
        assertTrue(
                failures.isEmpty(),
                failures.size() + " of " + sent + " answered wrongly:\n" + String.join("\n", failures));
        assertEquals(rowsBefore, StoredRows.settled(), "hostile requests changed stored rows");
        assertEquals(queuesBefore, QueueDepths.settled(), "hostile requests changed what the queues hold");
        for (String service : LocalSystem.SERVICES.keySet()) {
            assertEquals(200, status(SystemUnderTest.url(service) + "/q/health/ready"), service + " not ready");
        }
        for (String token : tokens.values()) {
            String signature = signatureOf(token);
            // "not.a.token" and the unsigned token have no real signature to look for
            if (signature.length() >= 40) {
                secrets.add(signature);
            }
        }
        assertNoLogContains(secrets);
    }

    /**
     * Webhooks for a channel that exists, with the headers a real delivery has: only the signature is wrong. A
     * re-serialised body (the same JSON, other bytes) must fail its genuine signature: it is checked over the raw bytes.
     */
    private void attackRealChannel(String gateway) {
        String url = gateway + "/webhooks/shopify/" + SHOP;
        String order = "{\"id\":4242,\"line_items\":[{\"sku\":\"" + INJECTION + "\",\"quantity\":1,\"variant_id\":1}]}";
        String reserialised = "{ \"line_items\" : [ { \"variant_id\" : 1, \"quantity\" : 1, \"sku\" : \"" + INJECTION
                + "\" } ], \"id\" : 4242 }";
        String genuine = hmac(SHOP_SECRET, order);
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("signed with another secret", hmac("not-" + SHOP_SECRET, order));
        bodies.put("re-serialised under the genuine signature", genuine);
        bodies.put("the signature of another body", hmac(SHOP_SECRET, order + " "));
        bodies.put(
                "the genuine signature in hex",
                HexFormat.of().formatHex(Base64.getDecoder().decode(genuine)));
        bodies.put("an empty signature", "");
        int delivery = 0;
        for (String topic : List.of("orders/create", "orders/cancelled", "refunds/create")) {
            for (Map.Entry<String, String> attempt : bodies.entrySet()) {
                String body = attempt.getKey().startsWith("re-serialised") ? reserialised : order;
                Map<String, String> headers = Map.of(
                        "X-Shopify-Hmac-Sha256",
                        attempt.getValue(),
                        "X-Shopify-Topic",
                        topic,
                        "X-Shopify-Webhook-Id",
                        "hostile-" + delivery++);
                expectRefused(
                        "POST " + url + " " + topic + " " + attempt.getKey(),
                        request(url, "POST", body, "application/json", headers));
            }
        }
    }

    private static String hmac(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The signature part of a bearer token: enough to replay it, so it must never reach a log. */
    private static String signatureOf(String token) {
        return token.substring(token.lastIndexOf('.') + 1);
    }

    /** No secret of the run (webhook secret, channel credential, token sent) reaches any service log. */
    private static void assertNoLogContains(List<String> secrets) throws IOException {
        try (Stream<Path> logs = Files.walk(SystemUnderTest.get().logs())) {
            for (Path log : logs.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(log, StandardCharsets.ISO_8859_1);
                for (String secret : secrets) {
                    assertFalse(text.contains(secret), "a secret (" + secret.length() + " chars) in " + log);
                }
            }
        }
    }

    private void attack(String base, String method, String template, JsonNode operation, String admin) {
        boolean webhook = template.startsWith("/webhooks");
        boolean hasBody = operation.has("requestBody") || (webhook && !method.equals("GET"));
        String path = template.replaceAll("\\{[^}]+}", "hostile-probe");
        String label = method + " " + base + template;
        // an injection string where a SKU belongs; sent only with refused credentials or as part of a broken body
        String json = hasBody ? "{\"sku\":\"" + INJECTION + "\",\"quantity\":1}" : null;

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
            for (Map.Entry<String, String> token : tokens.entrySet()) {
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
            bodies.put("an injection SKU in invalid JSON", "{\"sku\": \"" + INJECTION + "\", ");
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
        CompletableFuture<HttpResponse<String>> answer =
                CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
        try {
            return answer.get(ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            answer.cancel(true);
            System.out.printf(
                    "[hostile] %s %s: no answer (%s)%n",
                    method, url, e.getClass().getSimpleName());
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
