package dev.shelfsync.contracts.channels;

import java.util.List;

/** A marketplace reported a customer return request (e.g. a refund with restock, an Amazon return). */
public record ReturnRequested(
        String channelId, String externalOrderId, String externalReturnId, List<ReturnLine> lines) {

    /** @param reason the marketplace's reason code or text, as given */
    public record ReturnLine(String sku, int quantity, String reason) {}
}
