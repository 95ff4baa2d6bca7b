package dev.shelfsync.gateway.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shelfsync.gateway.error.ProblemException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Etsy receipts and webhook references as the adapter reads them; the Standard Webhooks signature check. */
class EtsyAdapterTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("etsy-unit-key".getBytes());
    private static final Instant SENT = Instant.ofEpochSecond(1_764_578_141L);

    static ObjectNode fixture(String name) throws Exception {
        try (InputStream in = EtsyAdapterTest.class.getResourceAsStream("/fixtures/etsy/" + name)) {
            return (ObjectNode) MAPPER.readTree(in);
        }
    }

    @Test
    void aPaidReceiptIsAnOrderWithOneLinePerTransaction() throws Exception {
        ParsedWebhook order = EtsyAdapter.receipt(fixture("receipt-paid.json"));

        assertEquals(ParsedWebhook.Kind.ORDER_CREATED, order.kind());
        assertEquals("3401118822", order.externalOrderId());
        assertEquals(
                new ParsedWebhook.NativeLine("4377120001", List.of("20918273645", "1543210987"), 2),
                order.lines().get(0));
        assertEquals(
                new ParsedWebhook.NativeLine("4377120002", List.of("20918273777", "1550099120", "TOWEL-LIN-NAT"), 1),
                order.lines().get(1));
        assertEquals("DE", order.shipTo().countryCode());
        assertEquals("10119", order.shipTo().postalCode());
    }

    @Test
    void canceledOrFullyRefundedReceiptsCancelAndUnpaidOnesWait() throws Exception {
        ObjectNode receipt = fixture("receipt-paid.json");
        receipt.put("status", "canceled");
        assertEquals(
                ParsedWebhook.Kind.ORDER_CANCELLED, EtsyAdapter.receipt(receipt).kind());
        assertEquals("3401118822", EtsyAdapter.receipt(receipt).externalOrderId());
        receipt.put("status", "fully refunded");
        assertEquals(
                ParsedWebhook.Kind.ORDER_CANCELLED, EtsyAdapter.receipt(receipt).kind());
        receipt.put("status", "payment processing");
        receipt.put("is_paid", false);
        assertEquals(ParsedWebhook.Kind.IGNORED, EtsyAdapter.receipt(receipt).kind());
        receipt.put("status", "paid");
        receipt.put("is_paid", true);
        receipt.putArray("transactions");
        assertThrows(ProblemException.class, () -> EtsyAdapter.receipt(receipt));
    }

    @Test
    void theWebhookNamesTheShopAndReceipt() throws Exception {
        EtsyAdapter.Notification paid = EtsyAdapter.notification(fixture("order-paid.json"));
        assertEquals("order.paid", paid.eventType());
        assertEquals("31415926", paid.shopId());
        assertEquals("3401118822", paid.receiptId());

        ObjectNode shipped = fixture("order-paid.json").put("event_type", "order.shipped");
        assertNull(EtsyAdapter.notification(shipped).receiptId());
        ObjectNode otherShop = fixture("order-paid.json").put("shop_id", "999");
        assertThrows(ProblemException.class, () -> EtsyAdapter.notification(otherShop));
        ObjectNode notAReceipt = fixture("order-paid.json")
                .put("resource_url", "https://openapi.etsy.com/v3/application/shops/31415926/listings/1");
        assertThrows(ProblemException.class, () -> EtsyAdapter.notification(notAReceipt));
    }

    @Test
    void signaturesAreCheckedOverIdTimestampAndBodyWithinTheReplayWindow() throws Exception {
        byte[] body = "{\"event_type\":\"order.paid\"}".getBytes(StandardCharsets.UTF_8);
        String id = "msg_2f1c0e";
        String good = sign("etsy-unit-key".getBytes(), id, SENT.getEpochSecond(), body);
        String stamp = Long.toString(SENT.getEpochSecond());

        assertTrue(StandardWebhookSignature.valid(SECRET, id, stamp, body, "v1," + good, SENT.plusSeconds(30)));
        // While a secret rotates, Etsy sends several signatures; one match is enough.
        assertTrue(StandardWebhookSignature.valid(
                SECRET, id, stamp, body, "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= v1," + good, SENT));
        assertFalse(StandardWebhookSignature.valid(SECRET, "msg_other", stamp, body, "v1," + good, SENT));
        assertFalse(StandardWebhookSignature.valid(
                SECRET, id, Long.toString(SENT.getEpochSecond() + 1), body, "v1," + good, SENT));
        assertFalse(StandardWebhookSignature.valid(SECRET, id, stamp, body, "v1," + good, SENT.plusSeconds(301)));
        assertFalse(StandardWebhookSignature.valid(SECRET, id, stamp, body, "v1," + good, SENT.minusSeconds(301)));
        assertFalse(StandardWebhookSignature.valid(SECRET, id, stamp, body, null, SENT));
        assertFalse(StandardWebhookSignature.valid(SECRET, id, null, body, "v1," + good, SENT));
        assertFalse(StandardWebhookSignature.valid(SECRET, id, stamp, body, "v2," + good, SENT));
        assertFalse(StandardWebhookSignature.valid("whsec_", id, stamp, body, "v1," + good, SENT));
    }

    static String sign(byte[] key, String id, long timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(mac.doFinal(body));
    }
}
