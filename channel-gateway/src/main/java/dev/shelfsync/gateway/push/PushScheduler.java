package dev.shelfsync.gateway.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelfsync.gateway.channel.Channel;
import dev.shelfsync.gateway.channel.ChannelRepository;
import dev.shelfsync.gateway.config.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * One {@link ChannelPusher} per channel. Woken right after an availability change commits; a periodic sweep covers
 * anything missed (a restart, a wake that raced a running drain). Redirects are never followed (SSRF).
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
    private final Map<String, ChannelPusher> pushers = new ConcurrentHashMap<>();

    public PushScheduler(
            ChannelRepository channels, PushStore store, ObjectMapper mapper, Vertx vertx, GatewayConfig config) {
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
        channels.all()
                .subscribe()
                .with(
                        all -> all.forEach(this::refresh),
                        failure -> LOG.warnf("loading channels failed: %s", failure.getMessage()));
        vertx.setPeriodic(2000, id -> pushers.values().forEach(ChannelPusher::wake));
    }

    void stop(@Observes ShutdownEvent event) {
        pushers.values().forEach(ChannelPusher::stop);
    }

    /** Uses the channel's current definition for its next pushes and looks for work. */
    public void refresh(Channel channel) {
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
                        config.syncFailedAfter()));
        pusher.update(channel);
        pusher.wake();
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
