package dev.shelfsync.gateway.reconcile;

import dev.shelfsync.gateway.channel.Channel;
import dev.shelfsync.gateway.channel.ChannelRepository;
import dev.shelfsync.gateway.config.GatewayConfig;
import dev.shelfsync.gateway.lease.ChannelLeases;
import dev.shelfsync.gateway.push.PushSignals;
import dev.shelfsync.platform.schedule.DueTimer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * When each channel is reconciled: every {@code reconcile-interval} (a channel's {@code reconcileIntervalSeconds}
 * setting overrides it), one replica at a time (lease {@code reconcile} with a not-before time that spaces sweeps
 * across replicas), on a worker thread; what a sweep does is {@link ChannelSweeper}'s (missed orders through intake,
 * listed quantities that drifted queued again with {@code channels.drift-detected}). Each sweep's summary is kept
 * for the channel's health.
 *
 * <p>Nothing polls per channel: one query finds the channels whose lease is free and when the next one will be, and
 * the next look is timed for then ({@link DueTimer}); a saved channel ({@link PushSignals}) is looked at at once. The
 * timer's safety period bounds what a channel that another replica swept and a lost notification can delay.
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    private static final Duration SWEEP_LEASE = Duration.ofMinutes(5);
    // Longest wait between two looks at which channels are due, when nothing announced a change.
    private static final Duration SAFETY = Duration.ofSeconds(60);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(5);

    private final ChannelRepository channels;
    private final ChannelLeases leases;
    private final ReconcileStore store;
    private final ChannelSweeper sweeper;
    private final GatewayConfig config;
    private final String holder = "reconciler-" + UUID.randomUUID();
    private final Map<String, Boolean> sweeping = new ConcurrentHashMap<>();
    private final AtomicBoolean ticking = new AtomicBoolean();
    private final AtomicBoolean lookAgain = new AtomicBoolean();
    private final PushSignals signals;
    private final DueTimer timer;
    private final ExecutorService workers;
    private volatile boolean running;

    public Reconciler(
            ChannelRepository channels,
            ChannelLeases leases,
            ReconcileStore store,
            ChannelSweeper sweeper,
            GatewayConfig config,
            Vertx vertx,
            PushSignals signals) {
        this.signals = signals;
        this.timer = new DueTimer(vertx, SAFETY, this::tick);
        this.channels = channels;
        this.leases = leases;
        this.store = store;
        this.sweeper = sweeper;
        this.config = config;
        this.workers = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "gateway-reconcile");
            thread.setDaemon(true);
            return thread;
        });
    }

    void start(@Observes StartupEvent event) {
        running = true;
        signals.onChannelChanged(id -> timer.dueIn(Duration.ZERO));
        signals.onListening(() -> timer.dueIn(Duration.ZERO));
        timer.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        timer.stop();
        workers.shutdownNow();
    }

    private void tick() {
        if (!running) {
            return;
        }
        lookAgain.set(true);
        if (!ticking.compareAndSet(false, true)) {
            return;
        }
        lookAgain.set(false);
        store.due(MarketplaceReads.TYPES)
                .flatMap(due -> {
                    if (due.next() != null) {
                        timer.dueIn(due.next());
                    }
                    return due.now().isEmpty()
                            ? Uni.createFrom().item(List.<Channel>of())
                            : channels.all().map(all -> all.stream()
                                    .filter(channel -> due.now().contains(channel.id()))
                                    .toList());
                })
                .subscribe()
                .with(
                        all -> {
                            ticked();
                            for (Channel channel : all) {
                                if (due(channel) && sweeping.putIfAbsent(channel.id(), Boolean.TRUE) == null) {
                                    Duration interval = interval(channel);
                                    leases.acquire(channel.id(), ChannelLeases.RECONCILE, holder, SWEEP_LEASE, true)
                                            .subscribe()
                                            .with(
                                                    held -> {
                                                        if (held) {
                                                            workers.execute(() -> sweepAndRelease(channel, interval));
                                                        } else {
                                                            sweeping.remove(channel.id());
                                                        }
                                                    },
                                                    failure -> sweeping.remove(channel.id()));
                                }
                            }
                        },
                        failure -> {
                            ticked();
                            LOG.debugf("finding channels due for reconciliation failed: %s", failure.getMessage());
                            timer.dueIn(RETRY_AFTER_FAILURE);
                        });
    }

    /** A look asked for while this one ran (a channel saved meanwhile) happens right after it. */
    private void ticked() {
        ticking.set(false);
        if (lookAgain.getAndSet(false)) {
            timer.dueIn(Duration.ZERO);
        }
    }

    private static boolean due(Channel channel) {
        return channel.active() && channel.apiBaseUrl() != null && MarketplaceReads.supported(channel.type());
    }

    private Duration interval(Channel channel) {
        String seconds = channel.setting("reconcileIntervalSeconds", null);
        if (seconds != null) {
            try {
                return Duration.ofMillis((long) (Double.parseDouble(seconds) * 1000));
            } catch (NumberFormatException ignored) {
                // fall back to the configured interval
            }
        }
        return config.reconcileInterval();
    }

    private void sweepAndRelease(Channel channel, Duration interval) {
        Instant started = Instant.now();
        try {
            Sweep sweep = sweeper.sweep(channel);
            recorded(channel, store.sweepCompleted(channel.id(), started, sweep));
            if (sweep.ordersRecovered() > 0 || !sweep.drifted().isEmpty()) {
                LOG.infof(
                        "reconciled %s: %d orders seen, %d recovered, %d listings checked, %d drifted",
                        channel.id(),
                        sweep.ordersSeen(),
                        sweep.ordersRecovered(),
                        sweep.listingsChecked(),
                        sweep.drifted().size());
            }
        } catch (MarketplaceReads.Unavailable e) {
            recorded(channel, store.sweepNotCompleted(channel.id(), ReconcileStore.UNAVAILABLE));
            LOG.debugf("reconciliation of %s skipped, marketplace unavailable: %s", channel.id(), e.getMessage());
        } catch (RuntimeException e) {
            recorded(channel, store.sweepNotCompleted(channel.id(), ReconcileStore.FAILED));
            LOG.warnf("reconciliation of %s failed: %s", channel.id(), e.toString());
        } finally {
            leases.release(channel.id(), ChannelLeases.RECONCILE, holder, interval)
                    .subscribe()
                    .with(
                            ok -> {
                                sweeping.remove(channel.id());
                                // The channel's next sweep, whichever replica takes it.
                                timer.dueIn(interval);
                            },
                            failure -> sweeping.remove(channel.id()));
        }
    }

    /** The sweep's summary, for the channel's health; the sweep's work stands even when it could not be written. */
    private static void recorded(Channel channel, Uni<Void> summary) {
        summary.subscribe()
                .with(ok -> {}, failure -> LOG.debugf("recording the sweep of %s failed: %s", channel.id(), failure));
    }
}
