package dev.shelfsync.gateway.synclag;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * One channel's recent sync-lag samples (sale committed elsewhere -> this store acknowledged the push showing it),
 * kept for a sliding window and at most {@link #MAX_SAMPLES} of them, so a flash sale's thousands of samples
 * take bounded memory and the p99 follows what the channel does now.
 */
public final class SyncLagWindow {

    static final int MAX_SAMPLES = 2_000;

    /** The p99 of the samples in the window, and how many there were. */
    public record Percentile(long p99Millis, int samples) {}

    private final long windowMillis;
    private final Deque<long[]> samples = new ArrayDeque<>();
    private long recordedSinceRead;

    SyncLagWindow(long windowMillis) {
        this.windowMillis = windowMillis;
    }

    public synchronized void record(long lagMillis, long nowMillis) {
        samples.addLast(new long[] {nowMillis, Math.max(0, lagMillis)});
        if (samples.size() > MAX_SAMPLES) {
            samples.removeFirst();
        }
        recordedSinceRead++;
    }

    /** The window's p99 (nearest rank), or null when it holds no sample. */
    public synchronized Percentile percentile(long nowMillis) {
        while (!samples.isEmpty() && samples.peekFirst()[0] < nowMillis - windowMillis) {
            samples.removeFirst();
        }
        if (samples.isEmpty()) {
            return null;
        }
        long[] lags = samples.stream().mapToLong(sample -> sample[1]).toArray();
        Arrays.sort(lags);
        int rank = (int) Math.ceil(0.99 * lags.length);
        return new Percentile(lags[Math.max(0, rank - 1)], lags.length);
    }

    /** Whether a sample came since the last call; the publisher sends only what changed. */
    synchronized boolean takeNews() {
        boolean news = recordedSinceRead > 0;
        recordedSinceRead = 0;
        return news;
    }
}
