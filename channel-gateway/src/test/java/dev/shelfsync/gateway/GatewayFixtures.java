package dev.shelfsync.gateway;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;

/** REST set-up and message bodies shared by the write-back, reconciliation and lease tests. */
public final class GatewayFixtures {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GatewayFixtures() {}

    /** Registers a channel whose API is {@code apiBaseUrl}; {@code settings} is a JSON object or null. */
    public static void channel(String id, String type, String secret, String apiBaseUrl, int rate, String settings) {
        given().contentType("application/json")
                .body(
                        """
                        {"type":"%s","name":"%s","apiBaseUrl":%s,"rateLimitPerSecond":%d,
                         "credentials":{"webhookSecret":"%s","apiToken":"t"},"settings":%s}"""
                                .formatted(
                                        type,
                                        id,
                                        apiBaseUrl == null ? "null" : "\"" + apiBaseUrl + "\"",
                                        rate,
                                        secret,
                                        settings == null ? "null" : settings))
                .put("/channels/" + id)
                .then()
                .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    public static void listing(String channelId, String listingId, String sku, int packSize) {
        given().contentType("application/json")
                .body("{\"sku\":\"%s\",\"packSize\":%d}".formatted(sku, packSize))
                .put("/channels/" + channelId + "/listings/" + listingId)
                .then()
                .statusCode(200);
    }

    public static void availability(String sku, long version, int available) {
        availability(sku, version, available, "{}", "{}");
    }

    /** @param channels per channel availability, a JSON object; {@code fences} likewise what is left of each fence */
    public static void availability(String sku, long version, int available, String channels, String fences) {
        String id = UUID.randomUUID().toString();
        TestSupport.publish(
                "inventory",
                "inventory.availability-changed",
                id,
                """
                {"id":"%s","type":"inventory.availability-changed","occurredAt":"2025-03-14T10:00:00Z",
                 "correlationId":"test","version":%d,
                 "payload":{"sku":"%s","version":%d,"defaultAvailable":%d,"channels":%s,"fences":%s}}"""
                        .formatted(id, version, sku, version, available, channels, fences));
    }

    public static String envelope(String id, String type, String payload) {
        return """
                {"id":"%s","type":"%s","occurredAt":"2025-03-14T10:00:00Z","correlationId":"test","payload":%s}"""
                .formatted(id, type, payload);
    }

    public static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
