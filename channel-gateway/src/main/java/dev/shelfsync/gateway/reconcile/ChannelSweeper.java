package dev.shelfsync.gateway.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelfsync.gateway.channel.Channel;
import dev.shelfsync.gateway.config.GatewayConfig;
import dev.shelfsync.gateway.intake.IntakeService;
import dev.shelfsync.gateway.intake.ParsedWebhook;
import dev.shelfsync.gateway.marketplace.MarketplaceHttp;
import dev.shelfsync.gateway.push.PushScheduler;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * One reconciliation sweep of one channel, blocking: (a) the marketplace's recent orders that Shelfsync never
 * received go through intake under delivery id {@code reconcile:<orderId>}, so a missed webhook becomes its order
 * exactly once; (b) listings in sync whose listed quantity differs are queued again and reported as drift.
 * {@link Reconciler} decides when and on which replica a channel is swept.
 */
@ApplicationScoped
public class ChannelSweeper {

    private static final Logger LOG = Logger.getLogger(ChannelSweeper.class);
    private static final Duration AWAIT = Duration.ofSeconds(30);

    private final ReconcileStore store;
    private final IntakeService intake;
    private final PushScheduler pushers;
    private final GatewayConfig config;
    private final MarketplaceReads orders;
    private final ListedQuantityReads quantities;
    // Per channel, the order page where the last sweep stopped at the page bound (this replica only: another replica
    // taking the channel over starts from the first page, which at worst reads orders again).
    private final Map<String, String> resume = new ConcurrentHashMap<>();

    public ChannelSweeper(
            ReconcileStore store,
            IntakeService intake,
            PushScheduler pushers,
            GatewayConfig config,
            ObjectMapper mapper) {
        this.store = store;
        this.intake = intake;
        this.pushers = pushers;
        this.config = config;
        MarketplaceHttp http = new MarketplaceHttp(mapper, config.pushTimeout());
        this.orders = new MarketplaceReads(http);
        this.quantities = new ListedQuantityReads(http);
    }

    /** Call on a worker thread while holding the channel's reconcile lease. */
    Sweep sweep(Channel channel) {
        // Taken out now and put back only after this sweep's orders went through intake: a sweep that fails half way
        // starts again from the first page rather than skipping what it did not finish.
        String resumeAt = resume.remove(channel.id());
        MarketplaceReads.OrderPages pages = orders.recentOrders(
                channel, Instant.now().minus(config.reconcileLookback()), resumeAt, maxPages(channel));
        int recovered = recoverMissed(channel, pages.orders());
        List<ReconcileStore.SyncedListing> synced =
                store.syncedListings(channel.id(), config.driftGrace()).await().atMost(AWAIT);
        List<String> drifted = repairDrift(channel, synced);
        if (pages.resumeAt() != null) {
            resume.put(channel.id(), pages.resumeAt());
            LOG.infof(
                    "%s: order list read stopped after %d pages; the next sweep continues from there",
                    channel.id(), pages.pages());
        }
        return new Sweep(pages.orders().size(), recovered, synced.size(), drifted);
    }

    /** @return how many of the orders intake accepted now */
    private int recoverMissed(Channel channel, List<MarketplaceReads.FetchedOrder> fetched) {
        if (fetched.isEmpty()) {
            return 0;
        }
        Set<String> received = store.receivedOrders(channel.id(), MarketplaceReads.ids(fetched))
                .await()
                .atMost(AWAIT);
        int recovered = 0;
        for (MarketplaceReads.FetchedOrder order : fetched) {
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
                LOG.infof("recovered order %s of %s whose webhook never came", parsed.externalOrderId(), channel.id());
            }
        }
        return recovered;
    }

    /** @return the listings found showing another quantity than Shelfsync wants, now queued for a push */
    private List<String> repairDrift(Channel channel, List<ReconcileStore.SyncedListing> synced) {
        Map<String, String> items = new HashMap<>();
        synced.forEach(listing -> items.put(listing.listingId(), listing.itemId()));
        Map<String, Integer> listed = quantities.read(channel, items);
        List<String> drifted = new ArrayList<>();
        for (ReconcileStore.SyncedListing listing : synced) {
            Integer observed = listed.get(listing.listingId());
            if (observed != null
                    && observed != listing.desired()
                    && store.drift(channel.id(), listing, observed).await().atMost(AWAIT)) {
                drifted.add(listing.listingId());
                LOG.infof(
                        "%s listing %s shows %d, Shelfsync wants %d: repushing",
                        channel.id(), listing.listingId(), observed, listing.desired());
            }
        }
        if (!drifted.isEmpty()) {
            pushers.wake(channel.id());
        }
        return drifted;
    }

    private int maxPages(Channel channel) {
        String pages = channel.setting("reconcileMaxPages", null);
        if (pages != null && pages.trim().matches("\\d{1,6}") && Integer.parseInt(pages.trim()) > 0) {
            return Integer.parseInt(pages.trim());
        }
        return Math.max(1, config.reconcileMaxPages());
    }
}
