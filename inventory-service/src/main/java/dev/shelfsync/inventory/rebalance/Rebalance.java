package dev.shelfsync.inventory.rebalance;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One move of units between two channels' fences on an SKU, kept like a ledger entry.
 *
 * @param state {@code lowering}: the giver's fence is lowered and its store not yet known to show it; {@code
 *     completed}: the receiver's fence was raised by {@code moved}
 * @param moved the units the receiver got: {@code units} less those the giver sold before its store showed the
 *     lower number; null while lowering
 * @param reason why: {@code sold-out} (the receiver had sold its fence) or what merchant-ops wrote
 * @param actor who: the token's user, or {@code rebalancer}
 * @param loweredVersion the SKU's availability version that lowered the giver; its store acknowledging it (or a
 *     later one) completes the move
 */
public record Rebalance(
        UUID id,
        String sku,
        String fromChannelId,
        String toChannelId,
        int units,
        Integer moved,
        String reason,
        String actor,
        String state,
        long loweredVersion,
        OffsetDateTime requestedAt,
        OffsetDateTime completedAt) {}
