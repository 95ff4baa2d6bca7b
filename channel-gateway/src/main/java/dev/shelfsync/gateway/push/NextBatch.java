package dev.shelfsync.gateway.push;

import java.util.ArrayList;
import java.util.List;

/**
 * What a pusher sends next from its channel's pending listings: decreases before increases, so a shelf that shows
 * more than is left is corrected first; listings the store already shows as wanted are only recorded; listings
 * cooling after a refused comparison wait.
 *
 * @param batch the listings of the next request, empty when none may go now
 * @param compare whether that request is compare-and-set
 * @param unchanged listings to record as pushed without a request
 * @param waitNanos until the first cooling listing may go; {@code Long.MAX_VALUE} when none waits
 */
record NextBatch(List<PendingPush> batch, boolean compare, List<PendingPush> unchanged, long waitNanos) {

    static NextBatch of(List<PendingPush> pending, boolean comparesQuantity, StaleListings stale) {
        List<PendingPush> unchanged = new ArrayList<>();
        List<PendingPush> decreases = new ArrayList<>();
        List<PendingPush> increases = new ArrayList<>();
        long now = System.nanoTime();
        long waitFor = Long.MAX_VALUE;
        for (PendingPush item : pending) {
            long cooling = stale.coolingNanos(item.listingId(), now);
            if (cooling > 0 && !item.unchanged(comparesQuantity)) {
                // its comparison just failed: wait for the sale's webhook instead of asking again at once
                waitFor = Math.min(waitFor, cooling);
                continue;
            }
            (item.unchanged(comparesQuantity) ? unchanged : item.decrease(comparesQuantity) ? decreases : increases)
                    .add(item);
        }
        List<PendingPush> batch = decreases.isEmpty() ? increases : decreases;
        boolean compare = comparesQuantity;
        if (compare && !batch.isEmpty()) {
            // Listings without a known shelf (never pushed, or compared in vain again and again: the store was
            // changed by hand) go alone and unconditionally; reconciliation watches for such drift anyway.
            List<PendingPush> unknownShelf = batch.stream()
                    .filter(item -> item.shelf() == null || stale.comparedInVain(item.listingId()))
                    .toList();
            if (!unknownShelf.isEmpty()) {
                batch = unknownShelf;
                compare = false;
            }
        }
        return new NextBatch(List.copyOf(batch), compare, List.copyOf(unchanged), waitFor);
    }
}
