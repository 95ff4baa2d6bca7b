package dev.shelfsync.inventory.stock;

/** Stock of an SKU at a location as the API shows it, sellable included. */
public record StockView(
        String sku,
        String locationId,
        int onHand,
        int reserved,
        int damaged,
        int qualityHold,
        int inbound,
        int sellable) {

    static StockView of(StockLevel level) {
        return new StockView(
                level.sku(),
                level.locationId(),
                level.onHand(),
                level.reserved(),
                level.damaged(),
                level.qualityHold(),
                level.inbound(),
                level.sellable());
    }
}
