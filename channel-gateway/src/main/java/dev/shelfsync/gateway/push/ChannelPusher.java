package dev.shelfsync.gateway.push;

import dev.shelfsync.gateway.channel.Channel;
import dev.shelfsync.gateway.synclag.SyncLagWindows;
import io.micrometer.core.instrument.Metrics;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.arc.Arc;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Drains one channel's changed listings to its marketplace: one request in flight at a time, spaced to stay within
 * the channel's rate limit, decreases before increases, the latest desired value only (coalescing happens in the
 * table). 429 waits for Retry-After, 5xx and timeouts back off exponentially with jitter. Nothing here blocks a
 * thread, so a channel that is down never slows another. What goes next is {@link NextBatch}'s to say, the request
 * on the wire {@link PushSender}'s, when it may go {@link PushPace}'s; this class runs the loop and records outcomes.
 */
final class ChannelPusher {

    private static final Logger LOG = Logger.getLogger(ChannelPusher.class);

    private final PushStore store;
    private final MarketplaceApi api;
    private final PushSender sender;
    private final Vertx vertx;
    private final Duration timeout;
    private final String holder;
    private final PushMetrics metrics;
    private final PushPace pace;
    private final StaleListings stale;
    private final SyncHealthReport health;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    // When the pending wake-up timer fires (System.nanoTime), Long.MAX_VALUE when none is pending.
    private final AtomicLong timerDueNanos = new AtomicLong(Long.MAX_VALUE);
    private volatile Channel channel;
    private volatile boolean stopped;
    private volatile long leaseValidUntilNanos;

    ChannelPusher(
            Channel channel,
            PushStore store,
            MarketplaceApi api,
            PushAnswers answers,
            HttpClient http,
            Vertx vertx,
            Duration timeout,
            Duration maxBackoff,
            Duration syncFailedAfter,
            int staleCompareLimit,
            String holder) {
        this.channel = channel;
        this.store = store;
        this.api = api;
        this.vertx = vertx;
        this.timeout = timeout;
        this.holder = holder;
        this.metrics = new PushMetrics(
                Metrics.globalRegistry,
                channel.id(),
                channel.type(),
                Arc.container().instance(SyncLagWindows.class).get().of(channel.id()));
        this.sender = new PushSender(
                api,
                answers,
                http,
                timeout,
                new PushTracing(Arc.container().instance(Tracer.class).get()));
        this.pace = new PushPace(maxBackoff);
        this.stale = new StaleListings(staleCompareLimit);
        this.health = new SyncHealthReport(store, channel.id(), syncFailedAfter);
    }

    /** This replica holds the channel's push lease until the given time (local monotonic clock, with margin). */
    void leaseHeldUntil(long nanos) {
        leaseValidUntilNanos = nanos;
    }

    boolean holdsLease() {
        return leaseValidUntilNanos - System.nanoTime() > 0;
    }

    String holder() {
        return holder;
    }

    String channelId() {
        return channel.id();
    }

    void update(Channel channel) {
        this.channel = channel;
    }

    void stop() {
        stopped = true;
    }

    /** Asks for a drain; a wake while draining makes the drain look again when it finishes. */
    void wake() {
        again.set(true);
        if (!stopped && busy.compareAndSet(false, true)) {
            again.set(false);
            step();
        }
    }

    private void step() {
        Channel current = channel;
        int batchSize = MarketplaceApi.batchSize(current.type());
        if (stopped || !current.active() || current.apiBaseUrl() == null || batchSize == 0 || !holdsLease()) {
            finish();
            return;
        }
        long wait = pace.waitNanos();
        if (wait > 0) {
            wakeIn(wait);
            busy.set(false);
            return;
        }
        store.pending(current.id(), batchSize).subscribe().with(pending -> push(current, pending), failure -> {
            LOG.warnf("reading pending pushes of %s failed: %s", current.id(), failure.getMessage());
            pace.pause(Duration.ofSeconds(1));
            // Tried again after the pause by this pusher itself: no periodic wake of every pusher covers it any more.
            finishAndRetry();
        });
    }

    private void push(Channel current, List<PendingPush> pending) {
        if (pending.isEmpty()) {
            finish();
            return;
        }
        NextBatch next = NextBatch.of(pending, current.comparesQuantity(), stale);
        List<PendingPush> batch = next.batch();
        List<PendingPush> unchanged = next.unchanged();
        if (batch.isEmpty()) {
            if (!unchanged.isEmpty()) {
                continueAfter(store.pushed(current.id(), List.of(), null, unchanged));
            } else {
                wakeIn(next.waitNanos());
                finish();
            }
            return;
        }
        HttpRequest request;
        try {
            request = api.request(current, batch, timeout, next.compare());
        } catch (Exception e) {
            continueAfter(store.rejected(current.id(), batch, "request could not be built"));
            return;
        }
        if (!holdsLease()) {
            // The lease ran out while reading: another replica may own the channel now.
            finish();
            return;
        }
        pace.sending(current);
        Instant sentAt = Instant.now();
        sender.send(current, batch, request).thenAccept(outcome -> handle(current, batch, sentAt, unchanged, outcome));
    }

    private void handle(
            Channel current,
            List<PendingPush> batch,
            Instant sentAt,
            List<PendingPush> unchanged,
            PushOutcome outcome) {
        if (outcome instanceof PushOutcome.Accepted) {
            metrics.accepted(batch);
            answered();
            stale.accepted(batch);
            continueAfter(store.pushed(current.id(), batch, sentAt, unchanged));
        } else if (outcome instanceof PushOutcome.Throttled throttled) {
            metrics.rateLimited();
            pace.pause(throttled.retryAfter());
            finishAndRetry();
        } else if (outcome instanceof PushOutcome.Failed failed) {
            metrics.failed();
            pace.failed(current.id(), failed.reason());
            health.failed(failed.reason());
            finishAndRetry();
        } else if (outcome instanceof PushOutcome.Stale refused) {
            metrics.compareRefused();
            // Most likely a sale whose webhook is on its way: give it a moment to land, then push from the new shelf.
            answered();
            stale.refused(refused.listingIds());
            LOG.debugf(
                    "%s: store quantity moved under %d listings, pushing again",
                    current.id(), refused.listingIds().size());
            finishAndRetry();
        } else if (outcome instanceof PushOutcome.Rejected rejected) {
            metrics.rejected();
            LOG.warnf("%s rejected a quantity push: %s", current.id(), rejected.reason());
            continueAfter(store.rejected(current.id(), batch, rejected.reason()));
        }
    }

    private void answered() {
        pace.answered();
        health.answered();
    }

    private void continueAfter(Uni<Void> recorded) {
        recorded.subscribe().with(ok -> step(), failure -> {
            LOG.warnf("recording pushes of %s failed: %s", channel.id(), failure.getMessage());
            pace.pause(Duration.ofSeconds(1));
            finishAndRetry();
        });
    }

    private void finishAndRetry() {
        again.set(true);
        finish();
    }

    private void finish() {
        busy.set(false);
        if (again.getAndSet(false)) {
            wake();
        }
    }

    /**
     * Wakes this pusher in {@code nanos}, unless a timer already fires by then. A sooner request sets a timer of its
     * own: keeping only the first timer let a short wait (the rate-limit slot after a push) hide behind a long one
     * (a cooling listing), and the sale behind it waited that long for its push.
     */
    private void wakeIn(long nanos) {
        if (nanos == Long.MAX_VALUE) {
            return;
        }
        long due = System.nanoTime() + nanos;
        long current;
        do {
            current = timerDueNanos.get();
            if (current - due <= 0 && current != Long.MAX_VALUE) {
                return;
            }
        } while (!timerDueNanos.compareAndSet(current, due));
        vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos) + 1), id -> {
            timerDueNanos.compareAndSet(due, Long.MAX_VALUE);
            wake();
        });
    }
}
