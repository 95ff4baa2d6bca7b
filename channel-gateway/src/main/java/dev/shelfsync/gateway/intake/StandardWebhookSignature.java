package dev.shelfsync.gateway.intake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Etsy signs webhooks the "Standard Webhooks" way: HMAC-SHA256 over {@code <webhook-id>.<webhook-timestamp>.<raw
 * body>} with the endpoint's signing secret ({@code whsec_} + base64 key), sent base64-encoded in
 * {@code webhook-signature} as space-separated {@code v1,<signature>} entries. A timestamp outside the replay window
 * fails like a wrong signature: an old, validly signed request is a replay.
 */
final class StandardWebhookSignature {

    /** How far {@code webhook-timestamp} may be from this server's clock, either way. */
    static final Duration REPLAY_WINDOW = Duration.ofMinutes(5);

    private StandardWebhookSignature() {}

    static boolean valid(String secret, String id, String timestamp, byte[] body, String signatures, Instant now) {
        if (secret == null || secret.isEmpty() || id == null || id.isBlank() || signatures == null) {
            return false;
        }
        long sentAt;
        try {
            sentAt = Long.parseLong(timestamp == null ? "" : timestamp.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - sentAt) > REPLAY_WINDOW.toSeconds()) {
            return false;
        }
        byte[] key = key(secret);
        if (key == null || key.length == 0) {
            return false;
        }
        byte[] expected = sign(key, id.trim(), sentAt, body);
        boolean match = false;
        // Several entries appear while a secret is rotated; any one valid v1 signature is enough. Every entry is
        // compared so the time taken does not depend on which one matched.
        for (String entry : signatures.trim().split("\\s+")) {
            String encoded = entry.startsWith("v1,") ? entry.substring(3) : entry.contains(",") ? null : entry;
            if (encoded == null || encoded.isEmpty()) {
                continue;
            }
            try {
                match |= MessageDigest.isEqual(expected, Base64.getDecoder().decode(encoded));
            } catch (IllegalArgumentException notBase64) {
                // an unreadable entry is simply not a match
            }
        }
        return match;
    }

    /** The HMAC key: the base64 part of a {@code whsec_} secret, otherwise the secret's own bytes. */
    static byte[] key(String secret) {
        if (secret.startsWith("whsec_")) {
            try {
                return Base64.getDecoder().decode(secret.substring("whsec_".length()));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] sign(byte[] key, String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
