package dev.shelfsync.gateway.push;

import java.util.List;

/**
 * A listing whose quantity has not been pushed at its availability version and sales-in-flight count yet.
 *
 * @param itemId the id the marketplace's inventory API takes (Shopify inventory item, WooCommerce product, Amazon SKU)
 * @param quantity availability less the sales in flight, in listing units
 * @param salesSeq changes of the SKU's sales in flight this quantity includes
 * @param pushedQuantity what the marketplace was last told, null if never
 * @param soldSincePush listing units the channel reported sold since that push
 * @param fenced the channel holds a ring-fence on the SKU, so nothing but its own sales takes from what it shows
 *     while it sells inside the fence
 * @param salesInFlight {@code channel/order} of each sale in flight subtracted, oldest first
 * @param salesReceivedAt when each of those sales' webhook committed (epoch millis), in the same order
 * @param salesTraceParents the W3C traceparent of each of those sales' webhook (null entries while tracing is off)
 */
record PendingPush(
        String listingId,
        String itemId,
        int quantity,
        long version,
        long salesSeq,
        Integer pushedQuantity,
        int soldSincePush,
        boolean fenced,
        List<String> salesInFlight,
        List<Long> salesReceivedAt,
        List<String> salesTraceParents) {

    /** What the store shows now as far as Shelfsync knows: the last push less the sales it reported since; null if never pushed. */
    Integer shelf() {
        return pushedQuantity == null ? null : pushedQuantity - soldSincePush;
    }

    /**
     * What the store shows now as far as Shelfsync can tell, which decides whether it needs a push at all.
     *
     * <p>With compare-and-set pushes, the shelf: a push never lands over a sale it did not count. On a fenced listing,
     * also the shelf, on every channel type: its own sales lower quantity and shelf by the same units, so they never
     * cause a push; only a change of the fence itself (restock, return, count, policy) or sales of others beyond
     * their fences do. Repushing it after its own sales is what put them back on its shelf: on a store that cannot
     * compare, each such push could land after a sale whose webhook was still on its way.
     *
     * <p>Otherwise the last push (a sale made while it was on its way may have been overwritten, so the store may
     * show exactly that, and the repush repairs it).
     */
    Integer shown(boolean compareAndSet) {
        return compareAndSet || fenced ? shelf() : pushedQuantity;
    }

    boolean unchanged(boolean compareAndSet) {
        return shown(compareAndSet) != null && shown(compareAndSet) == quantity;
    }

    boolean decrease(boolean compareAndSet) {
        return shown(compareAndSet) == null || quantity < shown(compareAndSet);
    }
}
