package dev.shelfsync.gateway.push;

import dev.shelfsync.platform.notify.PgListener;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * What the gateway's replicas tell each other through PostgreSQL LISTEN/NOTIFY, so none of them has to poll: a
 * channel row changed ({@code gateway_channel}, sent by the table's trigger after commit) and a channel has listings
 * to push that a replica not holding its push lease just changed ({@code gateway_push}). A notification is only a
 * hint to look now; when the LISTEN connection is (re-)established everything is looked at once, because whatever
 * was sent while it was down is gone, and the slow safety reload covers a connection that breaks silently.
 */
@ApplicationScoped
public class PushSignals {

    static final String CHANNEL_CHANGED = "gateway_channel";
    static final String PUSH_WANTED = "gateway_push";
    // NOTIFY payloads must stay below 8000 bytes; channel ids are short, so a few hundred per notification.
    private static final int MAX_PAYLOAD = 7000;

    private final Pool pool;
    private final List<Consumer<String>> channelListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<List<String>>> pushListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> reconnectListeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final PgListener listener;

    public PushSignals(Pool pool, Vertx vertx) {
        this.pool = pool;
        this.listener = new PgListener(
                pool,
                vertx,
                List.of(CHANNEL_CHANGED, PUSH_WANTED),
                running::get,
                this::dispatch,
                () -> reconnectListeners.forEach(Runnable::run));
    }

    void start(@Observes StartupEvent event) {
        running.set(true);
        listener.listen();
    }

    void stop(@Observes ShutdownEvent event) {
        running.set(false);
    }

    /** Called with a channel's id after its row was inserted, updated or deleted, on any replica. */
    public void onChannelChanged(Consumer<String> listener) {
        channelListeners.add(listener);
    }

    /** Called with channel ids another replica (or this one) asked the lease holder to push. */
    public void onPushWanted(Consumer<List<String>> listener) {
        pushListeners.add(listener);
    }

    /** Called each time listening starts: notifications sent before may have been missed. */
    public void onListening(Runnable listener) {
        reconnectListeners.add(listener);
    }

    /** Asks whichever replica holds these channels' push leases to look for work now. */
    Uni<Void> pushWanted(Collection<String> channelIds) {
        if (channelIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> payloads = new ArrayList<>();
        StringBuilder payload = new StringBuilder();
        for (String id : channelIds) {
            if (payload.length() + id.length() + 1 > MAX_PAYLOAD) {
                payloads.add(Tuple.of(PUSH_WANTED, payload.toString()));
                payload.setLength(0);
            }
            payload.append(payload.length() == 0 ? "" : ",").append(id);
        }
        payloads.add(Tuple.of(PUSH_WANTED, payload.toString()));
        return pool.preparedQuery("select pg_notify($1, $2)")
                .executeBatch(payloads)
                .replaceWithVoid();
    }

    private void dispatch(String channel, String payload) {
        if (!running.get() || payload == null || payload.isEmpty()) {
            return;
        }
        if (CHANNEL_CHANGED.equals(channel)) {
            channelListeners.forEach(listener -> listener.accept(payload));
        } else if (PUSH_WANTED.equals(channel)) {
            List<String> ids = List.of(payload.split(","));
            pushListeners.forEach(listener -> listener.accept(ids));
        }
    }
}
