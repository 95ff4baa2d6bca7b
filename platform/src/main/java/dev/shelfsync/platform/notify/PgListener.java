package dev.shelfsync.platform.notify;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * One pooled connection LISTENing on PostgreSQL notification channels for as long as its owner runs. When the
 * connection is lost, or LISTEN fails, it connects again a second later; each time it listens (again) it tells the
 * owner, who looks for what was notified while nobody listened.
 */
public final class PgListener {

    private static final Logger LOG = Logger.getLogger(PgListener.class);

    private final Pool pool;
    private final Vertx vertx;
    private final List<String> channels;
    private final BooleanSupplier running;
    private final BiConsumer<String, String> onNotification;
    private final Runnable onListening;

    /**
     * @param channels notification channel names (constants of the owner, not input: they go into the statement)
     * @param onNotification called with the channel and the payload of each notification
     */
    public PgListener(
            Pool pool,
            Vertx vertx,
            List<String> channels,
            BooleanSupplier running,
            BiConsumer<String, String> onNotification,
            Runnable onListening) {
        this.pool = pool;
        this.vertx = vertx;
        this.channels = List.copyOf(channels);
        this.running = running;
        this.onNotification = onNotification;
        this.onListening = onListening;
    }

    public void listen() {
        if (!running.getAsBoolean()) {
            return;
        }
        pool.getConnection()
                .flatMap(connection -> {
                    PgConnection pg = PgConnection.cast(connection);
                    pg.notificationHandler(notification ->
                            onNotification.accept(notification.getChannel(), notification.getPayload()));
                    pg.closeHandler(() -> vertx.setTimer(1000, id -> listen()));
                    Uni<?> listening = Uni.createFrom().voidItem();
                    for (String channel : channels) {
                        listening = listening.flatMap(
                                ok -> pg.query("listen " + channel).execute());
                    }
                    return listening;
                })
                .subscribe()
                .with(ok -> onListening.run(), failure -> {
                    LOG.warnf("LISTEN %s failed, retrying: %s", String.join(", ", channels), failure.getMessage());
                    vertx.setTimer(1000, id -> listen());
                });
    }
}
