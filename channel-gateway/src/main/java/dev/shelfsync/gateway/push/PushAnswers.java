package dev.shelfsync.gateway.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelfsync.gateway.channel.Channel;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a marketplace's answer to a push into a {@link PushOutcome}: the status, Retry-After, and what each
 * marketplace puts in a 200 (Shopify's GraphQL and compare-and-set errors, an INVALID Amazon submission, Etsy's error
 * text); building the requests is {@link MarketplaceApi}'s.
 */
final class PushAnswers {

    private final ObjectMapper mapper;

    PushAnswers(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    PushOutcome outcome(Channel channel, List<PendingPush> items, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 429) {
            return new PushOutcome.Throttled(retryAfter(response));
        }
        if (status >= 500 || status == 408) {
            return new PushOutcome.Failed("HTTP " + status);
        }
        if (status >= 300) {
            if (channel.type().equals("etsy")) {
                // Etsy explains a refusal in {"error": "..."}; keep it in the listing's push error.
                try {
                    String error =
                            mapper.readTree(response.body()).path("error").asText("");
                    return new PushOutcome.Rejected("HTTP " + status + (error.isEmpty() ? "" : ": " + error));
                } catch (IOException | RuntimeException unreadable) {
                    return new PushOutcome.Rejected("HTTP " + status);
                }
            }
            return new PushOutcome.Rejected("HTTP " + status);
        }
        try {
            JsonNode body = response.body() == null || response.body().isBlank()
                    ? mapper.createObjectNode()
                    : mapper.readTree(response.body());
            if (channel.type().equals("shopify")) {
                for (JsonNode error : body.path("errors")) {
                    if ("THROTTLED".equals(error.path("extensions").path("code").asText())) {
                        return new PushOutcome.Throttled(Duration.ofSeconds(1));
                    }
                }
                if (body.has("errors")) {
                    return new PushOutcome.Rejected("GraphQL errors");
                }
                JsonNode userErrors =
                        body.path("data").path("inventorySetQuantities").path("userErrors");
                Set<String> stale = staleListings(userErrors, items);
                if (!stale.isEmpty()) {
                    return new PushOutcome.Stale(stale);
                }
                if (userErrors.isArray() && userErrors.size() > 0) {
                    return new PushOutcome.Rejected(
                            "userErrors: " + userErrors.path(0).path("message").asText());
                }
            }
            if (channel.type().equals("amazon")
                    && "INVALID".equals(body.path("status").asText())) {
                return new PushOutcome.Rejected("listing submission INVALID");
            }
        } catch (IOException e) {
            return new PushOutcome.Failed("unreadable response");
        }
        return new PushOutcome.Accepted();
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").orElse(null);
        Duration fallback = Duration.ofSeconds(1);
        if (value == null) {
            return fallback;
        }
        try {
            return clamp(Duration.ofMillis((long) (Double.parseDouble(value.trim()) * 1000)));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return clamp(Duration.between(ZonedDateTime.now(at.getZone()), at));
            } catch (RuntimeException unparsable) {
                return fallback;
            }
        }
    }

    private static Duration clamp(Duration duration) {
        if (duration.isNegative()) {
            return Duration.ZERO;
        }
        return duration.compareTo(Duration.ofMinutes(5)) > 0 ? Duration.ofMinutes(5) : duration;
    }

    /** Listings named by {@code COMPARE_QUANTITY_STALE} errors (field path {@code input.quantities.<i>...}). */
    private static Set<String> staleListings(JsonNode userErrors, List<PendingPush> items) {
        Set<String> stale = new LinkedHashSet<>();
        for (JsonNode error : userErrors) {
            if (!"COMPARE_QUANTITY_STALE".equals(error.path("code").asText())) {
                continue;
            }
            JsonNode index = error.path("field").path(2);
            if (index.asText().matches("\\d{1,4}") && Integer.parseInt(index.asText()) < items.size()) {
                stale.add(items.get(Integer.parseInt(index.asText())).listingId());
            } else {
                items.forEach(item -> stale.add(item.listingId()));
            }
        }
        return stale;
    }
}
