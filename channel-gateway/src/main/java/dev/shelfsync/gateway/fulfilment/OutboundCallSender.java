package dev.shelfsync.gateway.fulfilment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shelfsync.gateway.channel.Channel;
import dev.shelfsync.gateway.channel.ChannelRepository;
import dev.shelfsync.gateway.channel.EndpointGuard;
import dev.shelfsync.gateway.config.GatewayConfig;
import dev.shelfsync.gateway.marketplace.MarketplaceHttp;
import dev.shelfsync.gateway.marketplace.MarketplaceHttp.Result;
import dev.shelfsync.platform.schedule.DueTimer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Delivers the outbound-call outbox: claims due calls, performs them on a small pool of worker threads (a slow
 * marketplace holds one thread, not the others), records success, refusal, or the next attempt (Retry-After for 429,
 * exponential backoff with jitter for failures). Woken after a consumer stored a call and when the earliest pending
 * call falls due (read at the end of each drain, {@link DueTimer}), instead of claiming once a second: the safety
 * period only bounds a call stored by another replica that died before sending it.
 */
@ApplicationScoped
public class OutboundCallSender {

    private static final Logger LOG = Logger.getLogger(OutboundCallSender.class);
    private static final int BATCH = 20;
    private static final Duration AWAIT = Duration.ofSeconds(30);
    // Longest wait between two claims when no due time is known here (a call another replica stored and left).
    private static final Duration SAFETY = Duration.ofSeconds(30);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);

    private final OutboundCallStore store;
    private final ChannelRepository channels;
    private final GatewayConfig config;
    private final OrderUpdateCalls calls;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final ExecutorService drainer;
    private final ExecutorService workers;
    private final DueTimer timer;
    private volatile boolean running;

    public OutboundCallSender(
            OutboundCallStore store,
            ChannelRepository channels,
            GatewayConfig config,
            Vertx vertx,
            ObjectMapper mapper,
            EndpointGuard guard) {
        this.store = store;
        this.channels = channels;
        this.config = config;
        this.calls = new OrderUpdateCalls(new MarketplaceHttp(mapper, config.pushTimeout()), guard);
        this.drainer = Executors.newSingleThreadExecutor(daemon("gateway-outbound-drain"));
        this.workers = Executors.newFixedThreadPool(4, daemon("gateway-outbound-call"));
        this.timer = new DueTimer(vertx, SAFETY, this::wake);
    }

    void start(@Observes StartupEvent event) {
        running = true;
        timer.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        timer.stop();
        drainer.shutdownNow();
        workers.shutdownNow();
    }

    public void wake() {
        again.set(true);
        if (running && draining.compareAndSet(false, true)) {
            drainer.execute(this::drain);
        }
    }

    private void drain() {
        try {
            while (running && again.getAndSet(false)) {
                List<OutboundCall> claimed;
                do {
                    claimed = store.claim(BATCH, claimTimeout()).await().atMost(AWAIT);
                    List<Future<?>> done = new ArrayList<>();
                    for (OutboundCall call : claimed) {
                        done.add(workers.submit(() -> perform(call)));
                    }
                    for (Future<?> future : done) {
                        future.get();
                    }
                } while (running && claimed.size() == BATCH);
            }
            Duration next = store.nextDue().await().atMost(AWAIT);
            if (next != null) {
                timer.dueIn(next);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warnf("outbound calls: drain failed, will retry: %s", e.getMessage());
            timer.dueIn(RETRY_AFTER_FAILURE);
        } finally {
            draining.set(false);
        }
    }

    private void perform(OutboundCall call) {
        try {
            Channel channel = channels.find(call.channelId()).await().atMost(AWAIT);
            Result result = channel == null
                    ? new Result.Refused(0, "channel no longer exists")
                    : calls.perform(channel, call, progressOf(call));
            if (result instanceof Result.Ok ok) {
                store.sent(call.id(), ok.body()).await().atMost(AWAIT);
            } else if (result instanceof Result.Refused refused) {
                LOG.warnf(
                        "%s %s of order %s refused by the marketplace: %s",
                        call.channelId(), call.kind(), call.externalOrderId(), refused.reason());
                store.rejected(call.id(), refused.reason()).await().atMost(AWAIT);
            } else if (result instanceof Result.Throttled throttled) {
                store.retryIn(call.id(), throttled.retryAfter(), "throttled")
                        .await()
                        .atMost(AWAIT);
            } else if (result instanceof Result.Failed failed) {
                store.retryIn(call.id(), backoff(call.attempts()), failed.reason())
                        .await()
                        .atMost(AWAIT);
            }
        } catch (RuntimeException e) {
            // The claim runs out and the call is tried again.
            LOG.warnf("outbound call %d could not be completed: %s", call.id(), e.getMessage());
        }
    }

    private AmazonRefundFeed.Progress progressOf(OutboundCall call) {
        return new AmazonRefundFeed.Progress() {
            @Override
            public void save(ObjectNode progress) {
                store.progress(call.id(), progress).await().atMost(AWAIT);
            }

            @Override
            public Set<String> knownFeedIds(String channelId) {
                return store.feedIds(channelId).await().atMost(AWAIT);
            }
        };
    }

    private Duration backoff(int attempts) {
        long cap = Math.min(config.maxBackoff().toMillis(), 200L << Math.min(attempts, 12));
        return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
    }

    private Duration claimTimeout() {
        // Longer than the slowest call (an Amazon refund: order items, feed document, upload, feed list, feed, plus
        // database writes), so only a dead sender loses its claim.
        return config.pushTimeout().multipliedBy(6).plusSeconds(10);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
