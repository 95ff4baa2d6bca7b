package dev.shelfsync.returns.rma;

/**
 * A line of a return as the API shows it.
 *
 * @param awaitingDisposition received units that are neither finally dispositioned nor in refurbishment
 */
public record RmaLineView(
        String sku,
        String barcode,
        int quantity,
        String reasonCode,
        String reasonText,
        int received,
        String inspectionOutcome,
        int restocked,
        int refurbishing,
        int discarded,
        int returnedToVendor,
        int awaitingDisposition) {}
