package dev.shelfsync.gateway.push;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What a pusher remembers of listings whose compare-and-set push the store refused (its quantity moved under the
 * push, most likely a sale whose webhook is on its way): each waits a moment before it is pushed again, while the
 * channel's other listings go on, and one refused again and again is pushed without comparing. Only the pusher's
 * one chain of work at a time touches it.
 */
final class StaleListings {

    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final int compareLimit;
    // Consecutive refused comparisons per listing.
    private final Map<String, Integer> streaks = new ConcurrentHashMap<>();
    // Until when (System.nanoTime) a refused listing waits.
    private final Map<String, Long> untilNanos = new ConcurrentHashMap<>();

    StaleListings(int compareLimit) {
        this.compareLimit = compareLimit;
    }

    /** How much longer the listing waits; zero or less when it need not. */
    long coolingNanos(String listingId, long nowNanos) {
        return untilNanos.getOrDefault(listingId, nowNanos) - nowNanos;
    }

    /** Compared in vain too often: the store was most likely changed by hand, so the shelf Shelfsync knows is wrong. */
    boolean comparedInVain(String listingId) {
        return streaks.getOrDefault(listingId, 0) >= compareLimit;
    }

    void refused(Collection<String> listingIds) {
        long until = System.nanoTime() + PAUSE_NANOS;
        listingIds.forEach(listing -> {
            streaks.merge(listing, 1, Integer::sum);
            untilNanos.put(listing, until);
        });
    }

    void accepted(List<PendingPush> batch) {
        batch.forEach(item -> {
            streaks.remove(item.listingId());
            untilNanos.remove(item.listingId());
        });
    }
}
