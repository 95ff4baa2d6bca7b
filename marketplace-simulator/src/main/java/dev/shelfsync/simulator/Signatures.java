package dev.shelfsync.simulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook signatures as the marketplaces compute them: base64 of HMAC-SHA256 over the raw body (Shopify,
 * WooCommerce, the Amazon relay), or over {@code <id>.<timestamp>.<body>} with a {@code whsec_} key (Etsy, Standard
 * Webhooks).
 */
final class Signatures {

    private Signatures() {}

    static String hmacSha256Base64(String secret, byte[] body) {
        return hmac(secret.getBytes(StandardCharsets.UTF_8), new byte[0], body);
    }

    /** The {@code webhook-signature} value: {@code v1,<base64>}; a {@code whsec_} secret's key is its base64 part. */
    static String standardWebhook(String secret, String id, long timestamp, byte[] body) {
        byte[] key = secret.startsWith("whsec_")
                ? Base64.getDecoder().decode(secret.substring("whsec_".length()))
                : secret.getBytes(StandardCharsets.UTF_8);
        return "v1," + hmac(key, (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
    }

    private static String hmac(byte[] key, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(prefix);
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
