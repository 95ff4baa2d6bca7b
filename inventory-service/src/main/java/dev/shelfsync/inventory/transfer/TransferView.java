package dev.shelfsync.inventory.transfer;

import io.vertx.mutiny.sqlclient.Row;

/** A transfer and where it stands. */
public record TransferView(
        String transferId, String sku, String fromLocationId, String toLocationId, int quantity, String status) {

    static TransferView of(Row row) {
        return new TransferView(
                row.getString("id"),
                row.getString("sku"),
                row.getString("from_location_id"),
                row.getString("to_location_id"),
                row.getInteger("quantity"),
                row.getString("status"));
    }
}
