package dev.shelfsync.contracts.returns;

import java.util.List;

/** A return was accepted; the gateway tells the channel to refund these units. */
public record RefundDue(String rmaId, String channelId, String externalOrderId, List<RefundLine> lines) {

    /** Units of an SKU to refund. */
    public record RefundLine(String sku, int quantity) {}
}
