package dev.shelfsync.alerting.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook signatures: {@code X-Shelfsync-Signature: sha256=<hex>} where hex is HMAC-SHA256 with the target's secret
 * over {@code <X-Shelfsync-Timestamp>.<raw body>}; the timestamp lets a receiver refuse old replays.
 */
public final class Signatures {

    public static final String SIGNATURE_HEADER = "X-Shelfsync-Signature";
    public static final String TIMESTAMP_HEADER = "X-Shelfsync-Timestamp";
    public static final String DELIVERY_HEADER = "X-Shelfsync-Delivery";

    private Signatures() {}

    public static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
