package dev.shelfsync.inventory.ledger;

import java.time.OffsetDateTime;

/** One change of stock numbers with its cause, as the ledger API shows it. */
public record LedgerEntry(
        long id,
        OffsetDateTime occurredAt,
        String sku,
        String locationId,
        String reason,
        String actor,
        String correlationId,
        Numbers delta,
        Numbers after) {

    /** The five stock states; in {@code delta} the change, in {@code after} the result. */
    public record Numbers(int onHand, int reserved, int damaged, int qualityHold, int inbound) {}
}
