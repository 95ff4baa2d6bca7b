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
 */
record PendingPush(
        String listingId,
        String itemId,
        int quantity,
        long version,
        long salesSeq,
        Integer pushedQuantity,
        int soldSincePush,
        List<String> salesInFlight) {

    /** What the store shows now as far as Shelfsync knows: the last push less the sales it reported since; null if never pushed. */
    Integer shelf() {
        return pushedQuantity == null ? null : pushedQuantity - soldSincePush;
    }

    boolean unchanged() {
        return shelf() != null && shelf() == quantity;
    }

    boolean decrease() {
        return shelf() == null || quantity < shelf();
    }
}
