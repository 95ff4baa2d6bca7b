package dev.shelfsync.gateway.push;

import dev.shelfsync.gateway.channel.Channel;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * When a pusher may send its channel's next request: one rate-limit slot after each request (with 2% to spare),
 * and pauses after a 429 (its Retry-After), a failure (exponential backoff with jitter, capped) or an error of the
 * gateway's own.
 */
final class PushPace {

    private static final Logger LOG = Logger.getLogger(PushPace.class);

    private final Duration maxBackoff;
    private volatile long nextSlotNanos;
    private volatile long pausedUntilNanos;
    private volatile int failures;

    PushPace(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    /** Nanoseconds until the next request may go; zero or less when it may go now. */
    long waitNanos() {
        return Math.max(pausedUntilNanos, nextSlotNanos) - System.nanoTime();
    }

    /** A request goes now: the next one waits for the slot it costs against the channel's rate limit. */
    void sending(Channel channel) {
        nextSlotNanos = System.nanoTime()
                + (long) (1.02e9 * MarketplaceApi.requestsPerPush(channel.type()) / channel.rateLimitPerSecond());
    }

    void pause(Duration pause) {
        pausedUntilNanos = System.nanoTime() + pause.toNanos();
    }

    /** Backs off further with each failure in a row. */
    void failed(String channelId, String reason) {
        int attempt = ++failures;
        long cap = Math.min(maxBackoff.toMillis(), 100L << Math.min(attempt, 12));
        long pause = cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1);
        pausedUntilNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause);
        LOG.debugf("push to %s failed (%s), attempt %d, retry in %d ms", channelId, reason, attempt, pause);
    }

    /** The marketplace answered: the next failure starts the backoff from the beginning. */
    void answered() {
        failures = 0;
    }
}
