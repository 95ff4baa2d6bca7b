package dev.shelfsync.gateway.push;

/**
 * A listing whose desired quantity has not been pushed at its version yet.
 *
 * @param itemId the id the marketplace's inventory API takes (Shopify inventory item, WooCommerce product, Amazon SKU)
 * @param pushedQuantity what the marketplace was last told, null if never
 */
record PendingPush(String listingId, String itemId, int quantity, long version, Integer pushedQuantity) {

    boolean unchanged() {
        return pushedQuantity != null && pushedQuantity == quantity;
    }

    boolean decrease() {
        return pushedQuantity == null || quantity < pushedQuantity;
    }
}
