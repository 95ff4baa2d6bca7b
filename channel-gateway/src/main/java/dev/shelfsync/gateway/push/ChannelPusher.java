package dev.shelfsync.gateway.push;

import dev.shelfsync.gateway.channel.Channel;
import dev.shelfsync.gateway.synclag.SyncLagWindows;
import io.micrometer.core.instrument.Metrics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.arc.Arc;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Drains one channel's changed listings to its marketplace: one request in flight at a time, spaced to stay within
 * the channel's rate limit, decreases before increases, the latest desired value only (coalescing happens in the
 * table). 429 waits for Retry-After, 5xx and timeouts back off exponentially with jitter. Nothing here blocks a
 * thread, so a channel that is down never slows another.
 */
final class ChannelPusher {

    private static final Logger LOG = Logger.getLogger(ChannelPusher.class);
    private static final long STALE_PAUSE_MILLIS = 200;

    private final PushStore store;
    private final MarketplaceApi api;
    private final HttpClient http;
    private final Vertx vertx;
    private final Duration timeout;
    private final Duration maxBackoff;
    private final Duration syncFailedAfter;
    private final int staleCompareLimit;
    private final String holder;
    private final PushMetrics metrics;
    private final PushTracing tracing;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    // When the pending wake-up timer fires (System.nanoTime), Long.MAX_VALUE when none is pending.
    private final AtomicLong timerDueNanos = new AtomicLong(Long.MAX_VALUE);
    private volatile Channel channel;
    private volatile boolean stopped;
    private volatile long nextSlotNanos;
    private volatile long pausedUntilNanos;
    private volatile int failures;
    private volatile boolean healthClear;
    private volatile long leaseValidUntilNanos;
    // Consecutive failed comparisons per listing; only this pusher's thread of work touches it.
    private final Map<String, Integer> staleStreaks = new ConcurrentHashMap<>();
    // Until when a listing whose comparison failed waits; the channel's other listings go on meanwhile.
    private final Map<String, Long> staleUntilNanos = new ConcurrentHashMap<>();

    ChannelPusher(
            Channel channel,
            PushStore store,
            MarketplaceApi api,
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
        this.http = http;
        this.vertx = vertx;
        this.timeout = timeout;
        this.maxBackoff = maxBackoff;
        this.syncFailedAfter = syncFailedAfter;
        this.staleCompareLimit = staleCompareLimit;
        this.holder = holder;
        this.metrics = new PushMetrics(
                Metrics.globalRegistry,
                channel.id(),
                channel.type(),
                Arc.container().instance(SyncLagWindows.class).get().of(channel.id()));
        this.tracing = new PushTracing(Arc.container().instance(Tracer.class).get());
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
        long wait = Math.max(pausedUntilNanos, nextSlotNanos) - System.nanoTime();
        if (wait > 0) {
            wakeIn(wait);
            busy.set(false);
            return;
        }
        store.pending(current.id(), batchSize).subscribe().with(pending -> push(current, pending), failure -> {
            LOG.warnf("reading pending pushes of %s failed: %s", current.id(), failure.getMessage());
            pausedUntilNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            // Tried again after the pause by this pusher itself: no periodic wake of every pusher covers it any more.
            finishAndRetry();
        });
    }

    private void push(Channel current, List<PendingPush> pending) {
        if (pending.isEmpty()) {
            finish();
            return;
        }
        List<PendingPush> unchanged = new ArrayList<>();
        List<PendingPush> decreases = new ArrayList<>();
        List<PendingPush> increases = new ArrayList<>();
        boolean compare = current.comparesQuantity();
        long now = System.nanoTime();
        long waitFor = Long.MAX_VALUE;
        for (PendingPush item : pending) {
            long cooling = staleUntilNanos.getOrDefault(item.listingId(), now) - now;
            if (cooling > 0 && !item.unchanged(compare)) {
                // its comparison just failed: wait for the sale's webhook instead of asking again at once
                waitFor = Math.min(waitFor, cooling);
                continue;
            }
            (item.unchanged(compare) ? unchanged : item.decrease(compare) ? decreases : increases).add(item);
        }
        List<PendingPush> batch = decreases.isEmpty() ? increases : decreases;
        if (batch.isEmpty()) {
            if (!unchanged.isEmpty()) {
                continueAfter(store.pushed(current.id(), List.of(), null, unchanged));
            } else {
                wakeIn(waitFor);
                finish();
            }
            return;
        }
        if (compare) {
            // Listings without a known shelf (never pushed, or compared in vain again and again: the store was
            // changed by hand) go alone and unconditionally; reconciliation watches for such drift anyway.
            List<PendingPush> unknownShelf = batch.stream()
                    .filter(item ->
                            item.shelf() == null || staleStreaks.getOrDefault(item.listingId(), 0) >= staleCompareLimit)
                    .toList();
            if (!unknownShelf.isEmpty()) {
                batch = unknownShelf;
                compare = false;
            }
        }
        List<PendingPush> sent = batch;
        HttpRequest request;
        try {
            request = api.request(current, sent, timeout, compare);
        } catch (Exception e) {
            continueAfter(store.rejected(current.id(), batch, "request could not be built"));
            return;
        }
        if (!holdsLease()) {
            // The lease ran out while reading: another replica may own the channel now.
            finish();
            return;
        }
        nextSlotNanos = System.nanoTime()
                + (long) (1.02e9 * MarketplaceApi.requestsPerPush(current.type()) / current.rateLimitPerSecond());
        Instant sentAt = Instant.now();
        Span span = tracing.start(current, sent);
        CompletableFuture<HttpResponse<String>> response =
                http.sendAsync(PushTracing.carrying(request, span), HttpResponse.BodyHandlers.ofString());
        if (current.type().equals("etsy")) {
            response = response.thenCompose(read -> read.statusCode() / 100 != 2
                    ? CompletableFuture.completedFuture(read)
                    : sendEtsyUpdate(current, sent.get(0), read.body()));
        }
        response.whenComplete((answer, error) -> {
            Throwable cause = error instanceof CompletionException ? error.getCause() : error;
            PushOutcome outcome = cause instanceof EtsyInventory.Unmappable unmappable
                    ? new PushOutcome.Rejected(unmappable.getMessage())
                    : cause != null
                            ? new PushOutcome.Failed(cause.getClass().getSimpleName())
                            : api.outcome(current, sent, answer);
            PushTracing.end(span, outcome);
            handle(current, sent, sentAt, unchanged, outcome);
        });
    }

    private CompletableFuture<HttpResponse<String>> sendEtsyUpdate(Channel current, PendingPush item, String read) {
        try {
            return http.sendAsync(api.etsyUpdate(current, item, read, timeout), HttpResponse.BodyHandlers.ofString());
        } catch (EtsyInventory.Unmappable e) {
            return CompletableFuture.failedFuture(e);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(new EtsyInventory.Unmappable("unreadable Etsy inventory"));
        }
    }

    private void handle(
            Channel current,
            List<PendingPush> batch,
            Instant sentAt,
            List<PendingPush> unchanged,
            PushOutcome outcome) {
        if (outcome instanceof PushOutcome.Accepted) {
            metrics.accepted(batch);
            recovered();
            batch.forEach(item -> {
                staleStreaks.remove(item.listingId());
                staleUntilNanos.remove(item.listingId());
            });
            continueAfter(store.pushed(current.id(), batch, sentAt, unchanged));
        } else if (outcome instanceof PushOutcome.Throttled throttled) {
            metrics.rateLimited();
            pausedUntilNanos = System.nanoTime() + throttled.retryAfter().toNanos();
            finishAndRetry();
        } else if (outcome instanceof PushOutcome.Failed failed) {
            metrics.failed();
            int attempt = ++failures;
            long cap = Math.min(maxBackoff.toMillis(), 100L << Math.min(attempt, 12));
            long pause = cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1);
            pausedUntilNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause);
            LOG.debugf(
                    "push to %s failed (%s), attempt %d, retry in %d ms",
                    current.id(), failed.reason(), attempt, pause);
            reportFailure(current, failed.reason());
            finishAndRetry();
        } else if (outcome instanceof PushOutcome.Stale stale) {
            metrics.compareRefused();
            // Most likely a sale whose webhook is on its way: give it a moment to land, then push from the new shelf.
            recovered();
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STALE_PAUSE_MILLIS);
            stale.listingIds().forEach(listing -> {
                staleStreaks.merge(listing, 1, Integer::sum);
                staleUntilNanos.put(listing, until);
            });
            LOG.debugf(
                    "%s: store quantity moved under %d listings, pushing again",
                    current.id(), stale.listingIds().size());
            finishAndRetry();
        } else if (outcome instanceof PushOutcome.Rejected rejected) {
            metrics.rejected();
            LOG.warnf("%s rejected a quantity push: %s", current.id(), rejected.reason());
            continueAfter(store.rejected(current.id(), batch, rejected.reason()));
        }
    }

    private void recovered() {
        failures = 0;
        if (!healthClear) {
            // The outage state is shared by replicas in the database; clear it once after a success.
            store.syncRecovered(channel.id()).subscribe().with(ok -> healthClear = true, failure -> {});
        }
    }

    /** Records the failure; the store publishes channels.sync-failed once per outage after the bound. */
    private void reportFailure(Channel current, String reason) {
        healthClear = false;
        store.syncFailing(current.id(), reason, syncFailedAfter)
                .subscribe()
                .with(
                        reported -> {
                            if (reported) {
                                LOG.warnf(
                                        "%s: pushes failing for longer than %s (%s)",
                                        current.id(), syncFailedAfter, reason);
                            }
                        },
                        failure -> LOG.debugf(
                                "recording push failure of %s failed: %s", current.id(), failure.getMessage()));
    }

    private void continueAfter(Uni<Void> recorded) {
        recorded.subscribe().with(ok -> step(), failure -> {
            LOG.warnf("recording pushes of %s failed: %s", channel.id(), failure.getMessage());
            pausedUntilNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
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
