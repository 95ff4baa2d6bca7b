package dev.shelfsync.gateway.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelfsync.gateway.channel.Channel;
import dev.shelfsync.gateway.channel.ChannelRepository;
import dev.shelfsync.gateway.config.GatewayConfig;
import dev.shelfsync.gateway.lease.ChannelLeases;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.Logger;

/**
 * One {@link ChannelPusher} per channel. Woken right after an availability change commits; nothing polls per channel.
 *
 * <p>With several replicas, a replica pushes a channel only while it holds the channel's {@code push} lease in the
 * database ({@link ChannelLeases}); it renews every third of {@code lease-ttl} and treats the lease as lost a third
 * before it expires, so a paused or partitioned replica stops before another one may take over. When the holder
 * dies its lease expires and the next replica's renewal round takes the channel over. A round renews (or takes) the
 * leases of all known channels in one statement, so its cost does not grow with the number of channels.
 *
 * <p>Replicas tell each other through {@link PushSignals}: a saved channel reaches every replica at once (trigger on
 * {@code channel}), and a wake for a channel this replica does not hold goes to the holder as a NOTIFY. A safety
 * sweep every {@code push-sweep-interval} reloads the channels and wakes those that still have listings to push (one
 * query for all), which bounds what a silently broken LISTEN connection or a lost wake can delay; a restart sweeps at
 * once. Redirects are never followed (SSRF).
 */
@ApplicationScoped
public class PushScheduler {

    private static final Logger LOG = Logger.getLogger(PushScheduler.class);

    private final ChannelRepository channels;
    private final PushStore store;
    private final MarketplaceApi api;
    private final PushAnswers answers;
    private final Vertx vertx;
    private final GatewayConfig config;
    private final HttpClient http;
    private final ChannelLeases leases;
    private final PushSignals signals;
    private final PendingChannels pending;
    private final String holder;
    private final Map<String, ChannelPusher> pushers = new ConcurrentHashMap<>();
    private final List<Long> timers = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;

    @Inject
    public PushScheduler(
            ChannelRepository channels,
            PushStore store,
            ObjectMapper mapper,
            Vertx vertx,
            GatewayConfig config,
            ChannelLeases leases,
            PushSignals signals,
            PendingChannels pending) {
        this(channels, store, mapper, vertx, config, leases, signals, pending, "pusher-" + UUID.randomUUID());
    }

    /** A scheduler with its own lease holder name; tests start a second one to act as another replica. */
    PushScheduler(
            ChannelRepository channels,
            PushStore store,
            ObjectMapper mapper,
            Vertx vertx,
            GatewayConfig config,
            ChannelLeases leases,
            PushSignals signals,
            PendingChannels pending,
            String holder) {
        this.leases = leases;
        this.signals = signals;
        this.pending = pending;
        this.holder = holder;
        this.channels = channels;
        this.store = store;
        this.api = new MarketplaceApi(mapper);
        this.answers = new PushAnswers(mapper);
        this.vertx = vertx;
        this.config = config;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    void start(@Observes StartupEvent event) {
        startTimers();
    }

    /** Sweeps once now, then listens for channel changes and wakes, renews leases and sweeps on a slow period. */
    void startTimers() {
        signals.onChannelChanged(this::channelChanged);
        signals.onPushWanted(this::wakeHeld);
        signals.onListening(this::sweep);
        sweep();
        timers.add(vertx.setPeriodic(Math.max(100, config.pushSweepInterval().toMillis()), id -> sweep()));
        long renewEvery = Math.max(100, config.leaseTtl().toMillis() / 3);
        timers.add(vertx.setPeriodic(renewEvery, id -> renewLeases()));
    }

    /** Reloads every channel, renews the leases and wakes the held channels that have listings to push. */
    void sweep() {
        if (stopped) {
            return;
        }
        channels.all()
                .invoke(all -> all.forEach(this::pusher))
                .flatMap(all -> pending.withWork())
                .subscribe()
                .with(
                        withWork -> {
                            renewLeases();
                            wakeHeld(withWork);
                        },
                        failure -> LOG.warnf("push sweep failed: %s", failure.getMessage()));
    }

    private void channelChanged(String channelId) {
        if (stopped) {
            return;
        }
        channels.find(channelId)
                .subscribe()
                .with(
                        channel -> {
                            if (channel != null) {
                                refresh(channel);
                            }
                        },
                        failure -> LOG.warnf("loading channel %s failed: %s", channelId, failure.getMessage()));
    }

    void stop(@Observes ShutdownEvent event) {
        close();
    }

    /** Stops pushing and hands every held lease back at once, so another replica takes over without waiting. */
    void close() {
        stopped = true;
        timers.forEach(vertx::cancelTimer);
        pushers.values().forEach(pusher -> {
            pusher.stop();
            leases.release(pusher.channelId(), ChannelLeases.PUSH, holder, null)
                    .subscribe()
                    .with(ok -> {}, failure -> {});
        });
    }

    String holder() {
        return holder;
    }

    /** Takes or renews the push lease of every known channel in one statement; a pusher runs only while it holds it. */
    void renewLeases() {
        if (stopped || pushers.isEmpty()) {
            return;
        }
        Duration ttl = config.leaseTtl();
        List<ChannelPusher> round = List.copyOf(pushers.values());
        long requestedAt = System.nanoTime();
        leases.acquireAll(round.stream().map(ChannelPusher::channelId).toList(), ChannelLeases.PUSH, holder, ttl)
                .subscribe()
                .with(
                        held -> round.forEach(
                                pusher -> leaseAnswered(pusher, held.contains(pusher.channelId()), ttl, requestedAt)),
                        failure -> LOG.debugf("renewing the push leases failed: %s", failure.getMessage()));
    }

    private void renew(ChannelPusher pusher) {
        Duration ttl = config.leaseTtl();
        long requestedAt = System.nanoTime();
        leases.acquire(pusher.channelId(), ChannelLeases.PUSH, holder, ttl)
                .subscribe()
                .with(
                        held -> leaseAnswered(pusher, held, ttl, requestedAt),
                        failure -> LOG.debugf(
                                "renewing the push lease of %s failed: %s", pusher.channelId(), failure.getMessage()));
    }

    private void leaseAnswered(ChannelPusher pusher, boolean held, Duration ttl, long requestedAt) {
        if (held && !stopped) {
            boolean gained = !pusher.holdsLease();
            // Counted from before the request, minus a third as a margin against clock drift and pauses.
            pusher.leaseHeldUntil(requestedAt + ttl.toNanos() * 2 / 3);
            if (gained) {
                pusher.wake();
            }
        } else {
            pusher.leaseHeldUntil(System.nanoTime());
        }
    }

    private ChannelPusher pusher(Channel channel) {
        ChannelPusher pusher = pushers.computeIfAbsent(
                channel.id(),
                id -> new ChannelPusher(
                        channel,
                        store,
                        api,
                        answers,
                        http,
                        vertx,
                        config.pushTimeout(),
                        config.maxBackoff(),
                        config.syncFailedAfter(),
                        config.staleCompareLimit(),
                        holder));
        pusher.update(channel);
        return pusher;
    }

    /** Uses the channel's current definition for its next pushes and looks for work. */
    public void refresh(Channel channel) {
        if (stopped) {
            return;
        }
        ChannelPusher pusher = pusher(channel);
        if (pusher.holdsLease()) {
            pusher.wake();
        } else {
            renew(pusher);
        }
    }

    /** Requests one push to a marketplace of this type costs against the channel's rate limit. */
    public static int requestsPerPush(String type) {
        return MarketplaceApi.requestsPerPush(type);
    }

    /** Pushes the channel's changed listings: here when this replica holds its lease, else on the replica that does. */
    public void wake(String channelId) {
        wakeAll(List.of(channelId));
    }

    public void wakeAll(Collection<String> channelIds) {
        List<String> elsewhere = new ArrayList<>();
        for (String channelId : channelIds) {
            ChannelPusher pusher = pushers.get(channelId);
            if (pusher != null && pusher.holdsLease()) {
                pusher.wake();
            } else {
                elsewhere.add(channelId);
            }
        }
        if (!elsewhere.isEmpty() && !stopped) {
            signals.pushWanted(elsewhere)
                    .subscribe()
                    .with(
                            ok -> {},
                            failure -> LOG.debugf(
                                    "asking the lease holders of %s to push failed: %s",
                                    elsewhere, failure.getMessage()));
        }
    }

    /** Wakes those of the channels this replica holds; another replica acts on the others. */
    private void wakeHeld(Collection<String> channelIds) {
        if (stopped) {
            return;
        }
        for (String channelId : channelIds) {
            ChannelPusher pusher = pushers.get(channelId);
            if (pusher != null && pusher.holdsLease()) {
                pusher.wake();
            }
        }
    }
}
