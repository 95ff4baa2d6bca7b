package dev.shelfsync.gateway.push;

import dev.shelfsync.gateway.synclag.SyncLagWindow;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The meters of one channel's pushes: each push request by outcome, and the sync lag, the time from a sale's webhook
 * commit on another channel to this channel's acknowledgement of the first push that shows it (the promise: a sale
 * anywhere lowers every other channel within moments).
 *
 * <p>A sale counts once per channel, however many pushes subtract it while it is in flight: the sales measured here
 * are remembered for {@link #REMEMBERED} (they leave the gateway's sales in flight within seconds), which bounds the
 * memory a flash sale takes. Only the replica holding the channel's lease pushes it, so one replica measures it.
 */
final class PushMetrics {

    /** How long a measured sale is remembered, so a later push that still subtracts it is not measured again. */
    static final Duration REMEMBERED = Duration.ofMinutes(2);

    private static final Duration[] LAG_BUCKETS = {
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60)
    };

    private final String channelId;
    private final Counter ok;
    private final Counter compareRefused;
    private final Counter rateLimited;
    private final Counter error;
    private final Counter rejected;
    private final Timer syncLag;
    private final SyncLagWindow recentLags;
    /** Sale ({@code channel/order}) -> when its webhook committed (epoch millis). */
    private final Map<String, Long> measured = new ConcurrentHashMap<>();

    private volatile long nextPruneMillis;

    PushMetrics(MeterRegistry registry, String channelId, String marketplace, SyncLagWindow recentLags) {
        this.channelId = channelId;
        this.recentLags = recentLags;
        this.ok = outcome(registry, channelId, marketplace, "ok");
        this.compareRefused = outcome(registry, channelId, marketplace, "compare_refused");
        this.rateLimited = outcome(registry, channelId, marketplace, "rate_limited");
        this.error = outcome(registry, channelId, marketplace, "error");
        this.rejected = outcome(registry, channelId, marketplace, "rejected");
        this.syncLag = Timer.builder("shelfsync.gateway.sync.lag")
                .description("Time from a sale's webhook commit on another channel to this channel acknowledging"
                        + " the first push that shows it")
                .tag("channel", channelId)
                .tag("marketplace", marketplace)
                .serviceLevelObjectives(LAG_BUCKETS)
                .register(registry);
    }

    private static Counter outcome(MeterRegistry registry, String channelId, String marketplace, String outcome) {
        return Counter.builder("shelfsync.gateway.pushes")
                .description("Quantity push requests to a marketplace, by outcome")
                .tag("channel", channelId)
                .tag("marketplace", marketplace)
                .tag("outcome", outcome)
                .register(registry);
    }

    /** The marketplace accepted a push of these listings: the other channels' sales they subtract are in sync. */
    void accepted(List<PendingPush> batch) {
        ok.increment();
        long now = System.currentTimeMillis();
        for (PendingPush item : batch) {
            List<String> sales = item.salesInFlight();
            List<Long> receivedAt = item.salesReceivedAt();
            for (int i = 0; i < sales.size() && i < receivedAt.size(); i++) {
                String sale = sales.get(i);
                // The selling store lowered its own shelf; the promise is about every other channel.
                if (!sale.startsWith(channelId + "/") && measured.putIfAbsent(sale, receivedAt.get(i)) == null) {
                    syncLag.record(Math.max(0, now - receivedAt.get(i)), TimeUnit.MILLISECONDS);
                    recentLags.record(now - receivedAt.get(i), now);
                }
            }
        }
        if (now >= nextPruneMillis) {
            nextPruneMillis = now + REMEMBERED.toMillis() / 4;
            long forgetBefore = now - REMEMBERED.toMillis();
            measured.values().removeIf(received -> received < forgetBefore);
        }
    }

    /** Shopify's compare-and-set refused the push: the store's quantity moved (a sale on its way). */
    void compareRefused() {
        compareRefused.increment();
    }

    /** 429: the marketplace asked to wait. */
    void rateLimited() {
        rateLimited.increment();
    }

    /** 5xx, a timeout or a broken connection: retried with backoff. */
    void failed() {
        error.increment();
    }

    /** The marketplace refused the change itself (4xx): recorded on the listing, not retried. */
    void rejected() {
        rejected.increment();
    }
}
