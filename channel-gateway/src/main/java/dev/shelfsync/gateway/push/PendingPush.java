package dev.shelfsync.gateway.push;

import java.util.List;

/**
 * A listing whose quantity has not been pushed at its availability version and sales-in-flight count yet.
 *
 * @param itemId the id the marketplace's inventory API takes (Shopify inventory item, WooCommerce product, Amazon SKU)
 * @param quantity availability less the sales in flight, in listing units
 * @param salesSeq changes of the SKU's sales in flight this quantity includes
 * @param pushedQuantity what the marketplace was last told, null if never
 * @param salesInFlight {@code channel/order} of each sale in flight subtracted, oldest first
 */
record PendingPush(
        String listingId,
        String itemId,
        int quantity,
        long version,
        long salesSeq,
        Integer pushedQuantity,
        List<String> salesInFlight) {

    boolean unchanged() {
        return pushedQuantity != null && pushedQuantity == quantity;
    }

    boolean decrease() {
        return pushedQuantity == null || quantity < pushedQuantity;
    }
}
