package dev.shelfsync.returns.rma;

import io.vertx.mutiny.sqlclient.Row;

/** One SKU of a return: how many units were announced, received, and where each unit went after inspection. */
public final class RmaLine {

    final String sku;
    final String barcode;
    final int quantity;
    final String reasonCode;
    final String reasonText;
    int received;
    String inspectionOutcome;
    int restocked;
    int refurbishing;
    int discarded;
    int returnedToVendor;

    RmaLine(String sku, String barcode, int quantity, String reasonCode, String reasonText) {
        this.sku = sku;
        this.barcode = barcode;
        this.quantity = quantity;
        this.reasonCode = reasonCode;
        this.reasonText = reasonText;
    }

    static RmaLine fromRow(Row row) {
        RmaLine line = new RmaLine(
                row.getString("sku"),
                row.getString("barcode"),
                row.getInteger("quantity"),
                row.getString("reason_code"),
                row.getString("reason_text"));
        line.received = row.getInteger("received");
        line.inspectionOutcome = row.getString("inspection_outcome");
        line.restocked = row.getInteger("restocked");
        line.refurbishing = row.getInteger("refurbishing");
        line.discarded = row.getInteger("discarded");
        line.returnedToVendor = row.getInteger("returned_to_vendor");
        return line;
    }

    public String sku() {
        return sku;
    }

    public int quantity() {
        return quantity;
    }

    public int received() {
        return received;
    }

    public String inspectionOutcome() {
        return inspectionOutcome;
    }

    /** Received units with no final disposition yet (restock, discard, return to vendor); includes refurbishing. */
    public int undecided() {
        return received - restocked - discarded - returnedToVendor;
    }

    boolean matches(String code) {
        return sku.equals(code) || (barcode != null && barcode.equals(code));
    }

    boolean inspected() {
        return inspectionOutcome != null;
    }

    RmaLineView view() {
        return new RmaLineView(
                sku,
                barcode,
                quantity,
                reasonCode,
                reasonText,
                received,
                inspectionOutcome,
                restocked,
                refurbishing,
                discarded,
                returnedToVendor,
                undecided() - refurbishing);
    }
}
