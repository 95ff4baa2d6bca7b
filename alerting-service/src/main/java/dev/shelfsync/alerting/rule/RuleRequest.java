package dev.shelfsync.alerting.rule;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A low-stock or reorder-point rule for one SKU, optionally scoped to one location or one channel.
 *
 * @param threshold low-stock: fires when the watched quantity is at or below it
 * @param rearmMargin low-stock: re-arms (and resolves) only above threshold + margin
 * @param leadTimeDays reorder-point: supplier lead time
 * @param safetyStock reorder-point: units kept on top of lead-time demand
 * @param windowDays reorder-point: rolling window of sales velocity
 * @param coverDays reorder-point: days of demand a suggested order should cover beyond the reorder point
 */
public record RuleRequest(
        @NotNull @Pattern(regexp = "low-stock|reorder-point", message = "must be low-stock or reorder-point")
                String kind,
        @NotBlank @Size(max = 200) String sku,
        @Size(min = 1, max = 200) String locationId,
        @Size(min = 1, max = 200) String channelId,
        @Pattern(regexp = "info|warning|critical", message = "must be info, warning or critical") String severity,
        @PositiveOrZero @Max(100_000_000) Integer threshold,
        @PositiveOrZero @Max(100_000_000) Integer rearmMargin,
        @PositiveOrZero @Max(3650) Integer leadTimeDays,
        @PositiveOrZero @Max(100_000_000) Integer safetyStock,
        @jakarta.validation.constraints.Positive @Max(3650) Integer windowDays,
        @PositiveOrZero @Max(3650) Integer coverDays,
        Boolean enabled) {}
