package dev.shelfsync.gateway.synclag;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Every channel's sync-lag window; the push path records into them, the publisher and channel health read them. */
@ApplicationScoped
public class SyncLagWindows {

    private final long windowMillis;
    private final Map<String, SyncLagWindow> windows = new ConcurrentHashMap<>();

    public SyncLagWindows(
            @ConfigProperty(name = "shelfsync.gateway.sync-lag.window", defaultValue = "60s")
                    java.time.Duration window) {
        this.windowMillis = window.toMillis();
    }

    public SyncLagWindow of(String channelId) {
        return windows.computeIfAbsent(channelId, id -> new SyncLagWindow(windowMillis));
    }

    /** The channel's p99 as this replica measured it (only the replica pushing a channel does), null without samples. */
    public SyncLagWindow.Percentile recent(String channelId, long nowMillis) {
        SyncLagWindow window = windows.get(channelId);
        return window == null ? null : window.percentile(nowMillis);
    }

    public long windowSeconds() {
        return windowMillis / 1000;
    }

    Map<String, SyncLagWindow> all() {
        return windows;
    }
}
