package dev.shelfsync.inventory.stock;

import io.vertx.mutiny.sqlclient.Row;

/** The numbers of one SKU at one location. Sellable is derived, never stored. */
public record StockLevel(
        String sku, String locationId, int onHand, int reserved, int damaged, int qualityHold, int inbound) {

    public int sellable() {
        return onHand - reserved - damaged - qualityHold;
    }

    static StockLevel fromLedgerRow(Row row) {
        return new StockLevel(
                row.getString("sku"),
                row.getString("location_id"),
                row.getInteger("on_hand_after"),
                row.getInteger("reserved_after"),
                row.getInteger("damaged_after"),
                row.getInteger("quality_hold_after"),
                row.getInteger("inbound_after"));
    }

    public static StockLevel fromRow(Row row) {
        return new StockLevel(
                row.getString("sku"),
                row.getString("location_id"),
                row.getInteger("on_hand"),
                row.getInteger("reserved"),
                row.getInteger("damaged"),
                row.getInteger("quality_hold"),
                row.getInteger("inbound"));
    }
}
