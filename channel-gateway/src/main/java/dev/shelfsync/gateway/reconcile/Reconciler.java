package dev.shelfsync.gateway.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelfsync.gateway.channel.Channel;
import dev.shelfsync.gateway.channel.ChannelRepository;
import dev.shelfsync.gateway.config.GatewayConfig;
import dev.shelfsync.gateway.intake.IntakeService;
import dev.shelfsync.gateway.intake.ParsedWebhook;
import dev.shelfsync.gateway.lease.ChannelLeases;
import dev.shelfsync.gateway.marketplace.MarketplaceHttp;
import dev.shelfsync.gateway.push.PushScheduler;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The reconciliation sweep, per channel, every {@code reconcile-interval} (a channel's {@code reconcileIntervalSeconds}
 * setting overrides it): (a) asks the marketplace for its recent orders and runs every one Shelfsync never received
 * through intake, under delivery id {@code reconcile:<orderId>}, so a missed webhook becomes its order exactly once;
 * (b) reads the listed quantities of listings that are in sync and, where the marketplace shows something else,
 * queues a repush and publishes {@code channels.drift-detected}. One replica sweeps a channel at a time (lease
 * {@code reconcile} with a not-before time that spaces sweeps across replicas).
 *
 * <p>Nothing polls per channel: one query finds the channels whose lease is free and when the next one will be, and
 * the next look is timed for then ({@link DueTimer}); a saved channel ({@link PushSignals}) is looked at at once. The
 * timer's safety period bounds what a channel that another replica swept and a lost notification can delay.
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    private static final Duration AWAIT = Duration.ofSeconds(30);
    private static final Duration SWEEP_LEASE = Duration.ofMinutes(5);
    // Longest wait between two looks at which channels are due, when nothing announced a change.
    private static final Duration SAFETY = Duration.ofSeconds(60);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(5);

    private final ChannelRepository channels;
    private final ChannelLeases leases;
    private final ReconcileStore store;
    private final IntakeService intake;
    private final PushScheduler pushers;
    private final GatewayConfig config;
    private final MarketplaceReads reads;
    private final String holder = "reconciler-" + UUID.randomUUID();
    private final Map<String, Boolean> sweeping = new ConcurrentHashMap<>();
    // Per channel, the order page where the last sweep stopped at the page bound (this replica only: another replica
    // taking the channel over starts from the first page, which at worst reads orders again).
    private final Map<String, String> resume = new ConcurrentHashMap<>();
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
            IntakeService intake,
            PushScheduler pushers,
            GatewayConfig config,
            Vertx vertx,
            ObjectMapper mapper,
            PushSignals signals) {
        this.signals = signals;
        this.timer = new DueTimer(vertx, SAFETY, this::tick);
        this.channels = channels;
        this.leases = leases;
        this.store = store;
        this.intake = intake;
        this.pushers = pushers;
        this.config = config;
        this.reads = new MarketplaceReads(new MarketplaceHttp(mapper, config.pushTimeout()));
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

    /** What one sweep did; {@code drifted} are the listings it found showing another quantity and queued again. */
    public record Sweep(int ordersSeen, int ordersRecovered, int listingsChecked, List<String> drifted) {}

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

    private int maxPages(Channel channel) {
        String pages = channel.setting("reconcileMaxPages", null);
        if (pages != null && pages.trim().matches("\\d{1,6}") && Integer.parseInt(pages.trim()) > 0) {
            return Integer.parseInt(pages.trim());
        }
        return Math.max(1, config.reconcileMaxPages());
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
            Sweep sweep = sweep(channel);
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

    /** One sweep of one channel, blocking; call on a worker thread while holding the channel's reconcile lease. */
    Sweep sweep(Channel channel) {
        // Taken out now and put back only after this sweep's orders went through intake: a sweep that fails half way
        // starts again from the first page rather than skipping what it did not finish.
        String resumeAt = resume.remove(channel.id());
        MarketplaceReads.OrderPages pages = reads.recentOrders(
                channel, Instant.now().minus(config.reconcileLookback()), resumeAt, maxPages(channel));
        List<MarketplaceReads.FetchedOrder> orders = pages.orders();
        int recovered = 0;
        if (!orders.isEmpty()) {
            Set<String> received = store.receivedOrders(channel.id(), MarketplaceReads.ids(orders))
                    .await()
                    .atMost(AWAIT);
            for (MarketplaceReads.FetchedOrder order : orders) {
                if (received.contains(order.externalOrderId())) {
                    continue;
                }
                ParsedWebhook parsed = order.loader().load();
                if (parsed == null) {
                    continue;
                }
                IntakeService.Outcome outcome = intake.accept(
                                channel,
                                "reconcile:" + parsed.externalOrderId(),
                                "reconcile/order",
                                parsed,
                                order.raw().toString())
                        .await()
                        .atMost(AWAIT);
                if (outcome == IntakeService.Outcome.ACCEPTED) {
                    recovered++;
                    LOG.infof(
                            "recovered order %s of %s whose webhook never came",
                            parsed.externalOrderId(), channel.id());
                }
            }
        }
        List<ReconcileStore.SyncedListing> synced =
                store.syncedListings(channel.id(), config.driftGrace()).await().atMost(AWAIT);
        Map<String, String> items = new HashMap<>();
        synced.forEach(listing -> items.put(listing.listingId(), listing.itemId()));
        Map<String, Integer> listed = reads.listedQuantities(channel, items);
        List<String> drifted = new ArrayList<>();
        for (ReconcileStore.SyncedListing listing : synced) {
            Integer observed = listed.get(listing.listingId());
            if (observed != null && observed != listing.desired()) {
                if (store.drift(channel.id(), listing, observed).await().atMost(AWAIT)) {
                    drifted.add(listing.listingId());
                    LOG.infof(
                            "%s listing %s shows %d, Shelfsync wants %d: repushing",
                            channel.id(), listing.listingId(), observed, listing.desired());
                }
            }
        }
        if (!drifted.isEmpty()) {
            pushers.wake(channel.id());
        }
        if (pages.resumeAt() != null) {
            resume.put(channel.id(), pages.resumeAt());
            LOG.infof(
                    "%s: order list read stopped after %d pages; the next sweep continues from there",
                    channel.id(), pages.pages());
        }
        return new Sweep(orders.size(), recovered, synced.size(), drifted);
    }
}
