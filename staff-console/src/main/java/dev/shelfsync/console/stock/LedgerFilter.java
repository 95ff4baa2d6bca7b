package dev.shelfsync.console.stock;

import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The ledger filters of the stock screen. The ledger API filters by SKU, location, correlation (order, return,
 * count or transfer id) and time; reason and who are matched here on the page of entries it answered.
 */
@TemplateData
public record LedgerFilter(String sku, String reason, String correlationId, String actor) {

    public LedgerFilter {
        sku = blank(sku) ? null : sku.trim();
        correlationId = blank(correlationId) ? null : correlationId.trim();
    }

    public boolean hasSku() {
        return sku != null && !sku.isBlank();
    }

    List<Map<String, Object>> keep(List<Map<String, Object>> entries) {
        List<Map<String, Object>> newestFirst = new ArrayList<>(entries.stream()
                .filter(entry -> blank(reason) || reason.equals(entry.get("reason")))
                .filter(entry -> blank(actor) || actor.equals(entry.get("actor")))
                .toList());
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    public String value(String field) {
        return switch (field) {
            case "sku" -> orEmpty(sku);
            case "reason" -> orEmpty(reason);
            case "correlationId" -> orEmpty(correlationId);
            default -> orEmpty(actor);
        };
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
