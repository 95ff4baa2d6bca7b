package dev.shelfsync.contracts.inventory;

import java.util.List;
import java.util.Map;

/**
 * What each channel may now show for a SKU. The envelope carries the same {@code version}.
 *
 * @param version per-SKU version that only grows; an older one never overwrites a newer one
 * @param defaultAvailable for channels without a policy of their own: sellable over all active locations
 * @param channels channel id to available quantity, for channels with a policy
 * @param fences channel id to the units of its ring-fence not yet taken by its own reservations, for channels with a
 *     fence: a sale of such a channel within this many units leaves every other channel's number unchanged
 * @param sales the marketplace sales whose reservations this version is the first to include
 */
public record AvailabilityChanged(
        String sku,
        long version,
        int defaultAvailable,
        Map<String, Integer> channels,
        Map<String, Integer> fences,
        List<SaleRef> sales) {

    public AvailabilityChanged {
        fences = fences == null ? Map.of() : Map.copyOf(fences);
        sales = sales == null ? List.of() : List.copyOf(sales);
    }

    public AvailabilityChanged(String sku, long version, int defaultAvailable, Map<String, Integer> channels) {
        this(sku, version, defaultAvailable, channels, Map.of(), List.of());
    }
}
