package dev.shelfsync.platform.outbox;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;

/**
 * One claimed batch waiting for the broker: complete once every row is confirmed, failed at the first refusal.
 * When the batch gives up (its confirm timeout passed and its transaction rolls back), the rows confirmed so far and
 * every row confirmed later go to {@code confirmedLate}, which deletes them outside the batch's transaction.
 */
final class ConfirmedBatch {

    private final Set<Long> waiting;
    private final List<Long> confirmed = new ArrayList<>();
    private final LongConsumer confirmedLate;
    private final CompletableFuture<Void> outcome = new CompletableFuture<>();
    private boolean abandoned;

    ConfirmedBatch(List<Long> ids, LongConsumer confirmedLate) {
        this.waiting = new HashSet<>(ids);
        this.confirmedLate = confirmedLate;
    }

    CompletableFuture<Void> outcome() {
        return outcome;
    }

    void confirmed(long id) {
        synchronized (this) {
            if (!abandoned) {
                waiting.remove(id);
                confirmed.add(id);
                if (waiting.isEmpty()) {
                    outcome.complete(null);
                }
                return;
            }
        }
        confirmedLate.accept(id);
    }

    void refused(Throwable cause) {
        outcome.completeExceptionally(cause);
    }

    /** Stops waiting: what is confirmed from now on, and what already was, is deleted late. */
    void abandon() {
        List<Long> already;
        synchronized (this) {
            abandoned = true;
            already = List.copyOf(confirmed);
        }
        already.forEach(confirmedLate::accept);
    }
}
