package dev.shelfsync.platform.outbox;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Outbox rows handed to the publisher whose confirm or failure has not come back yet.
 *
 * <p>A confirm can be late without being lost: a broker blocking publishers (a memory alarm) or a stalled link
 * delays it past the batch's confirm timeout. Handing the same row over again then would only queue a second copy
 * behind the first, and every copy is delivered once the broker catches up. So the relay leaves these rows alone
 * until their outcome arrives, or until the send is presumed lost: when it has waited longer than the bound, or
 * when a send handed over after it has been confirmed (one channel confirms in order) while it has waited longer
 * than the confirm timeout.
 */
final class UnconfirmedSends {

    private record Handover(long id, long atNanos) {}

    private final AtomicLong sequence = new AtomicLong();
    private final Map<Long, Long> sequenceById = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, Handover> bySequence = new ConcurrentSkipListMap<>();

    void handedOver(long id) {
        long next = sequence.incrementAndGet();
        Long previous = sequenceById.put(id, next);
        if (previous != null) {
            bySequence.remove(previous);
        }
        bySequence.put(next, new Handover(id, System.nanoTime()));
    }

    /**
     * The outcome of a send arrived; earlier sends still waiting after {@code confirmTimeout} are presumed lost.
     * Returns how many were.
     */
    int settled(long id, Duration confirmTimeout) {
        Long settled = sequenceById.remove(id);
        if (settled == null) {
            return 0;
        }
        bySequence.remove(settled);
        long cutoff = System.nanoTime() - confirmTimeout.toNanos();
        int lost = 0;
        for (Map.Entry<Long, Handover> earlier : bySequence.headMap(settled).entrySet()) {
            if (earlier.getValue().atNanos() - cutoff < 0 && forget(earlier.getKey(), earlier.getValue())) {
                lost++;
            }
        }
        return lost;
    }

    int count() {
        return bySequence.size();
    }

    /** The row ids a claim must skip. */
    Long[] ids() {
        return sequenceById.keySet().toArray(new Long[0]);
    }

    /** How many sends have waited longer than {@code age} for their outcome. */
    long olderThan(Duration age) {
        long cutoff = System.nanoTime() - age.toNanos();
        return bySequence.values().stream()
                .filter(h -> h.atNanos() - cutoff < 0)
                .count();
    }

    /** Forgets the sends older than {@code age}, so their rows are claimed and sent again; returns how many. */
    int forgetOlderThan(Duration age) {
        long cutoff = System.nanoTime() - age.toNanos();
        int lost = 0;
        for (Map.Entry<Long, Handover> send : bySequence.entrySet()) {
            if (send.getValue().atNanos() - cutoff < 0 && forget(send.getKey(), send.getValue())) {
                lost++;
            }
        }
        return lost;
    }

    private boolean forget(long sequenceNumber, Handover send) {
        if (bySequence.remove(sequenceNumber, send)) {
            sequenceById.remove(send.id(), sequenceNumber);
            return true;
        }
        return false;
    }
}
