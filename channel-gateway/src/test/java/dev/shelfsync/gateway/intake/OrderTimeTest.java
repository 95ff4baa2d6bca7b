package dev.shelfsync.gateway.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The order time each marketplace writes, read into one instant; an unreadable one is unknown, never a refusal. */
class OrderTimeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachMarketplacesOrderTimeIsReadAsTheSameInstant() throws Exception {
        Instant placed = Instant.parse("2026-12-07T09:15:30Z");
        assertEquals(placed, read("{\"created_at\":\"2026-12-07T04:15:30-05:00\"}", "created_at")); // Shopify
        assertEquals(placed, read("{\"date_created_gmt\":\"2026-12-07T09:15:30\"}", "date_created_gmt")); // Woo
        assertEquals(placed, read("{\"PurchaseDate\":\"2026-12-07T09:15:30Z\"}", "PurchaseDate")); // Amazon
        assertEquals(placed, read("{\"created_timestamp\":" + placed.getEpochSecond() + "}", "created_timestamp"));
    }

    @Test
    void aMissingOrUnreadableTimeIsUnknown() throws Exception {
        assertNull(read("{}", "created_at"));
        assertNull(read("{\"created_at\":null}", "created_at"));
        assertNull(read("{\"created_at\":\"yesterday\"}", "created_at"));
    }

    @Test
    void theAdaptersCarryTheOrderTimeOfAnOrderTheyCreate() throws Exception {
        JsonNode shopify = JSON.readTree("{\"id\":1,\"created_at\":\"2026-12-07T09:15:30Z\","
                + "\"line_items\":[{\"id\":2,\"variant_id\":3,\"quantity\":1}]}");
        assertEquals(
                Instant.parse("2026-12-07T09:15:30Z"),
                ShopifyAdapter.parse("orders/create", shopify).placedAt());
        JsonNode woo = JSON.readTree("{\"id\":1,\"status\":\"processing\",\"date_created_gmt\":\"2026-12-07T09:15:30\","
                + "\"line_items\":[{\"id\":2,\"product_id\":3,\"quantity\":1}]}");
        assertEquals(
                Instant.parse("2026-12-07T09:15:30Z"),
                WooCommerceAdapter.parse("order.created", woo).placedAt());
    }

    private static Instant read(String json, String field) throws Exception {
        return Payloads.instant(JSON.readTree(json), field);
    }
}
