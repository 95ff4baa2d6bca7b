package dev.shelfsync.gateway.push;

import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Tells the channel's push health to the database, where replicas share it: a failure is recorded (the store
 * publishes {@code channels.sync-failed} once per outage after {@code sync-failed-after}), and the first answer
 * after failures clears the outage, once.
 */
final class SyncHealthReport {

    private static final Logger LOG = Logger.getLogger(SyncHealthReport.class);

    private final PushStore store;
    private final String channelId;
    private final Duration syncFailedAfter;
    private volatile boolean clear;

    SyncHealthReport(PushStore store, String channelId, Duration syncFailedAfter) {
        this.store = store;
        this.channelId = channelId;
        this.syncFailedAfter = syncFailedAfter;
    }

    void answered() {
        if (!clear) {
            store.syncRecovered(channelId).subscribe().with(ok -> clear = true, failure -> {});
        }
    }

    void failed(String reason) {
        clear = false;
        store.syncFailing(channelId, reason, syncFailedAfter)
                .subscribe()
                .with(
                        reported -> {
                            if (reported) {
                                LOG.warnf(
                                        "%s: pushes failing for longer than %s (%s)",
                                        channelId, syncFailedAfter, reason);
                            }
                        },
                        failure ->
                                LOG.debugf("recording push failure of %s failed: %s", channelId, failure.getMessage()));
    }
}
