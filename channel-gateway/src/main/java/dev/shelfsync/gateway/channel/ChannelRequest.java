package dev.shelfsync.gateway.channel;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * Registers or updates a channel. Credentials are write-only; when omitted on an update the stored ones are kept.
 *
 * @param credentials webhookSecret (webhook signatures), apiToken (Shopify access token, Amazon LWA access token),
 *     consumerKey / consumerSecret (WooCommerce), apiKey (custom channel intake; Etsy {@code x-api-key}); for Etsy,
 *     webhookSecret is the endpoint's {@code whsec_} signing secret and apiToken its OAuth access token
 */
public record ChannelRequest(
        @NotNull
                @Pattern(
                        regexp = "shopify|amazon|woocommerce|etsy|custom",
                        message = "must be one of shopify, amazon, woocommerce, etsy, custom")
                String type,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 2000) String apiBaseUrl,
        @Min(1) @Max(1000) Integer rateLimitPerSecond,
        Boolean active,
        Map<String, @Size(max = 4096) String> credentials,
        Map<String, @Size(max = 500) String> settings) {

    @Override
    public String toString() {
        return "ChannelRequest[type=" + type + ", name=" + name + ", apiBaseUrl=" + apiBaseUrl + "]";
    }
}
