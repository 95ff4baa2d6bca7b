package dev.shelfsync.gateway.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shelfsync.gateway.error.ProblemException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Small helpers for reading marketplace JSON strictly: a missing required field is a 400, not a null. */
final class Payloads {

    private Payloads() {}

    static String requiredId(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || !(value.isTextual() || value.isIntegralNumber())) {
            throw ProblemException.malformed("The payload has no usable '" + field + "'.");
        }
        String text = value.asText().trim();
        if (text.isEmpty() || text.length() > 200) {
            throw ProblemException.malformed("The payload's '" + field + "' is empty or too long.");
        }
        return text;
    }

    static String optionalId(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || !(value.isTextual() || value.isIntegralNumber())) {
            return null;
        }
        String text = value.asText().trim();
        return text.isEmpty() || text.equals("0") ? null : text;
    }

    static int positiveQuantity(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null
                || !value.canConvertToInt()
                || !value.isIntegralNumber()
                || value.asInt() <= 0
                || value.asInt() > 100_000) {
            throw ProblemException.malformed("A line has no positive integer '" + field + "'.");
        }
        return value.asInt();
    }

    static JsonNode requiredArray(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray() || value.size() == 0 || value.size() > 1000) {
            throw ProblemException.malformed("The payload has no '" + field + "' (1 to 1000 entries).");
        }
        return value;
    }

    static List<String> keys(String... candidates) {
        List<String> keys = new ArrayList<>();
        for (String candidate : candidates) {
            if (candidate != null && !keys.contains(candidate)) {
                keys.add(candidate);
            }
        }
        return keys;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /**
     * A moment as marketplaces write it: ISO-8601 with an offset or Z (Shopify, Amazon), without one meaning UTC
     * (WooCommerce's {@code *_gmt} fields), or epoch seconds (Etsy). Null when absent or unreadable: the time only
     * refines push accounting, so an order is never refused for it.
     */
    static java.time.Instant instant(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return java.time.Instant.ofEpochSecond(value.asLong());
        }
        String text = value.asText();
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException withoutOffset) {
            try {
                return java.time.LocalDateTime.parse(text).toInstant(java.time.ZoneOffset.UTC);
            } catch (java.time.format.DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
