package dev.shelfsync.contracts.returns;

/**
 * Inspected units leave quality hold.
 *
 * @param disposition {@code restock} (to sellable on_hand), {@code refurbish} (stays on hold), {@code discard}
 *     (written off as damaged) or {@code return-to-vendor} (leaves on_hand)
 */
public record ReturnUnitsDispositioned(String rmaId, String sku, String locationId, int quantity, String disposition) {}
