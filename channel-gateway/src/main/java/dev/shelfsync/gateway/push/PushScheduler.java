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
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.Logger;

/**
 * One {@link ChannelPusher} per channel. Woken right after an availability change commits; a periodic sweep covers
 * anything missed (a restart, a wake that raced a running drain). Redirects are never followed (SSRF).
 *
 * <p>With several replicas, a replica pushes a channel only while it holds the channel's {@code push} lease in the
 * database ({@link ChannelLeases}); it renews every third of {@code lease-ttl} and treats the lease as lost a third
 * before it expires, so a paused or partitioned replica stops before another one may take over. When the holder
 * dies its lease expires and the next replica's renewal round takes the channel over.
 */
@ApplicationScoped
public class PushScheduler {

    private static final Logger LOG = Logger.getLogger(PushScheduler.class);

    private final ChannelRepository channels;
    private final PushStore store;
    private final MarketplaceApi api;
    private final Vertx vertx;
    private final GatewayConfig config;
    private final HttpClient http;
    private final ChannelLeases leases;
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
            ChannelLeases leases) {
        this(channels, store, mapper, vertx, config, leases, "pusher-" + UUID.randomUUID());
    }

    /** A scheduler with its own lease holder name; tests start a second one to act as another replica. */
    PushScheduler(
            ChannelRepository channels,
            PushStore store,
            ObjectMapper mapper,
            Vertx vertx,
            GatewayConfig config,
            ChannelLeases leases,
            String holder) {
        this.leases = leases;
        this.holder = holder;
        this.channels = channels;
        this.store = store;
        this.api = new MarketplaceApi(mapper);
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

    /** Loads the channels, then every 2 s reloads them (channels saved on another replica) and wakes every pusher. */
    void startTimers() {
        reload();
        timers.add(vertx.setPeriodic(2000, id -> reload()));
        long renewEvery = Math.max(100, config.leaseTtl().toMillis() / 3);
        timers.add(vertx.setPeriodic(renewEvery, id -> renewLeases()));
    }

    private void reload() {
        if (stopped) {
            return;
        }
        channels.all()
                .subscribe()
                .with(
                        all -> all.forEach(this::refresh),
                        failure -> LOG.warnf("loading channels failed: %s", failure.getMessage()));
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

    /** Takes or renews the push lease of every known channel; a pusher runs only while its lease is valid. */
    void renewLeases() {
        if (!stopped) {
            pushers.values().forEach(this::renew);
        }
    }

    private void renew(ChannelPusher pusher) {
        Duration ttl = config.leaseTtl();
        long requestedAt = System.nanoTime();
        leases.acquire(pusher.channelId(), ChannelLeases.PUSH, holder, ttl)
                .subscribe()
                .with(
                        held -> {
                            if (held && !stopped) {
                                boolean gained = !pusher.holdsLease();
                                // Counted from before the request, minus a third as a margin against clock drift and
                                // pauses.
                                pusher.leaseHeldUntil(requestedAt + ttl.toNanos() * 2 / 3);
                                if (gained) {
                                    pusher.wake();
                                }
                            } else {
                                pusher.leaseHeldUntil(System.nanoTime());
                            }
                        },
                        failure -> LOG.debugf(
                                "renewing the push lease of %s failed: %s", pusher.channelId(), failure.getMessage()));
    }

    /** Uses the channel's current definition for its next pushes and looks for work. */
    public void refresh(Channel channel) {
        if (stopped) {
            return;
        }
        ChannelPusher pusher = pushers.computeIfAbsent(
                channel.id(),
                id -> new ChannelPusher(
                        channel,
                        store,
                        api,
                        http,
                        vertx,
                        config.pushTimeout(),
                        config.maxBackoff(),
                        config.syncFailedAfter(),
                        config.staleCompareLimit(),
                        holder));
        pusher.update(channel);
        if (pusher.holdsLease()) {
            pusher.wake();
        } else if (!stopped) {
            renew(pusher);
        }
    }

    public void wake(String channelId) {
        ChannelPusher pusher = pushers.get(channelId);
        if (pusher != null) {
            pusher.wake();
        }
    }

    public void wakeAll(Collection<String> channelIds) {
        channelIds.forEach(this::wake);
    }
}
