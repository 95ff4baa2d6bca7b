package dev.shelfsync.contracts.inventory;

/** The numbers of one SKU at one location after a change, with the ledger reason that caused it. */
public record StockChanged(
        String sku,
        String locationId,
        int onHand,
        int reserved,
        int damaged,
        int qualityHold,
        int inbound,
        int sellable,
        String reason) {}
