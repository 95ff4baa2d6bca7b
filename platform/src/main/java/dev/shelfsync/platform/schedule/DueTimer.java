package dev.shelfsync.platform.schedule;

import io.vertx.mutiny.core.Vertx;
import java.time.Duration;

/**
 * Runs an action when the earliest known piece of work falls due, and at the latest after a safety interval.
 *
 * <p>For work that waits in a table with a due time (a retry, a backoff, a sweep that a lease spaces out): instead
 * of polling the table every second, the owner tells the timer when the next row is due ({@link #dueIn}), typically
 * from a {@code min(due_at)} read at the end of each round, and wakes it at once when new work arrives. The safety
 * interval bounds what a due time this instance cannot see costs (work written or left behind by another replica):
 * at most that long, at one query per interval when the system is idle.
 */
public final class DueTimer {

    private final Vertx vertx;
    private final long safetyMillis;
    private final Runnable action;
    private long timerId = -1;
    private long firesAtNanos = Long.MAX_VALUE;
    private boolean stopped = true;

    public DueTimer(Vertx vertx, Duration safety, Runnable action) {
        this.vertx = vertx;
        this.safetyMillis = Math.max(1, safety.toMillis());
        this.action = action;
    }

    /** Runs the action now, then keeps it scheduled. */
    public synchronized void start() {
        stopped = false;
        schedule(0, true);
    }

    public synchronized void stop() {
        stopped = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
        firesAtNanos = Long.MAX_VALUE;
    }

    /** Work falls due after {@code delay} (zero or negative: now); an earlier firing already planned stays. */
    public synchronized void dueIn(Duration delay) {
        if (!stopped) {
            schedule(Math.max(0, delay.toMillis()), false);
        }
    }

    /** Nothing is known to be due: fire after the safety interval unless something earlier is planned. */
    public synchronized void idle() {
        dueIn(Duration.ofMillis(safetyMillis));
    }

    private void schedule(long delayMillis, boolean force) {
        long delay = Math.min(delayMillis, safetyMillis);
        long at = System.nanoTime() + delay * 1_000_000;
        if (!force && timerId >= 0 && firesAtNanos - at <= 0) {
            return;
        }
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        firesAtNanos = at;
        // Vert.x timers need at least 1 ms.
        timerId = vertx.setTimer(Math.max(1, delay), id -> fire(id));
    }

    private void fire(long id) {
        synchronized (this) {
            if (id != timerId || stopped) {
                return;
            }
            timerId = -1;
            firesAtNanos = Long.MAX_VALUE;
            // Re-armed before the action: if the action never reports a due time (it failed), the safety still holds.
            schedule(safetyMillis, true);
        }
        action.run();
    }
}
