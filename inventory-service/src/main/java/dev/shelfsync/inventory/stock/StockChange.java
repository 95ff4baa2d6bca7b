package dev.shelfsync.inventory.stock;

/**
 * A change of the stock states of one SKU at one location, with its cause for the ledger.
 *
 * @param reason ledger reason code, e.g. {@code reservation}, {@code receipt}, {@code cycle-count}
 * @param actor who or what made the change (user, service, message consumer)
 * @param correlationId order, return, count or purchase order that caused it
 */
public record StockChange(
        String sku,
        String locationId,
        int onHandDelta,
        int reservedDelta,
        int damagedDelta,
        int qualityHoldDelta,
        int inboundDelta,
        String reason,
        String actor,
        String correlationId) {

    /** Whether some state grows: only such a change can apply to a stock row that does not exist yet. */
    public boolean addsUnits() {
        return onHandDelta > 0 || reservedDelta > 0 || damagedDelta > 0 || qualityHoldDelta > 0 || inboundDelta > 0;
    }

    public static StockChange reserve(String sku, String locationId, int quantity, String orderId) {
        return new StockChange(sku, locationId, 0, quantity, 0, 0, 0, "reservation", "order-routing", orderId);
    }

    public static StockChange release(String sku, String locationId, int quantity, String orderId) {
        return new StockChange(sku, locationId, 0, -quantity, 0, 0, 0, "release", "order-routing", orderId);
    }

    public static StockChange commit(String sku, String locationId, int quantity, String orderId) {
        return new StockChange(sku, locationId, -quantity, -quantity, 0, 0, 0, "shipment", "order-routing", orderId);
    }
}
