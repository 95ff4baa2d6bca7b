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
 * @param salesInFlight {@code channel/order} of each sale in flight subtracted, oldest first
 * @param salesReceivedAt when each of those sales' webhook committed (epoch millis), in the same order
 */
record PendingPush(
        String listingId,
        String itemId,
        int quantity,
        long version,
        long salesSeq,
        Integer pushedQuantity,
        int soldSincePush,
        List<String> salesInFlight,
        List<Long> salesReceivedAt) {

    /** What the store shows now as far as Shelfsync knows: the last push less the sales it reported since; null if never pushed. */
    Integer shelf() {
        return pushedQuantity == null ? null : pushedQuantity - soldSincePush;
    }

    /**
     * What the store shows now as far as Shelfsync can tell: with compare-and-set pushes the shelf, otherwise the last
     * push (a sale made while it was on its way may have been overwritten, so the store may show exactly that).
     */
    Integer shown(boolean compareAndSet) {
        return compareAndSet ? shelf() : pushedQuantity;
    }

    boolean unchanged(boolean compareAndSet) {
        return shown(compareAndSet) != null && shown(compareAndSet) == quantity;
    }

    boolean decrease(boolean compareAndSet) {
        return shown(compareAndSet) == null || quantity < shown(compareAndSet);
    }
}
