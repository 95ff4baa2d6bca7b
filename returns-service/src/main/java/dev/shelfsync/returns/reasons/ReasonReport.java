package dev.shelfsync.returns.reasons;

import java.time.Instant;
import java.util.List;

/**
 * Return reasons over a time range, grouped by SKU or by channel.
 *
 * @param groups one entry per SKU or channel, most returned units first
 */
public record ReasonReport(String by, Instant from, Instant to, List<Group> groups) {

    /** @param returns how many returns named this SKU or channel */
    public record Group(String key, long units, long returns, List<ReasonCount> reasons) {}

    /** @param rate share of the group's returned units with this reason, 0..1 */
    public record ReasonCount(String reason, long units, long returns, double rate) {}
}
