package dev.shelfsync.alerting.reorder;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A proposed purchase: how many units of an SKU to order now, and the numbers behind it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReorderSuggestion(
        UUID alertId,
        UUID ruleId,
        String sku,
        String locationId,
        String channelId,
        long suggestedQuantity,
        long reorderPoint,
        long position,
        double velocityPerDay,
        int leadTimeDays,
        int coverDays,
        String state,
        OffsetDateTime since,
        OffsetDateTime lastEvaluated) {}
