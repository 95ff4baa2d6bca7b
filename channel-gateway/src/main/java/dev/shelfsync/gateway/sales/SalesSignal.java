package dev.shelfsync.gateway.sales;

import dev.shelfsync.gateway.push.PushScheduler;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Tells the listings of SKUs with new sales in flight that they need a push, after the webhooks' transactions have
 * committed. Coalesced: one statement at a time for every SKU that sold meanwhile, so a burst on one SKU takes its
 * listings' row locks once per round instead of once per webhook (inside the webhook's transaction that lock was
 * what a flash sale queued on).
 *
 * <p>If the gateway stops before a round runs, those listings are pushed with the next availability change of their
 * SKU instead (the sale itself is committed and counted either way).
 */
@ApplicationScoped
public class SalesSignal {

    private static final Logger LOG = Logger.getLogger(SalesSignal.class);
    // Also used by SalesInFlight for sales that stop counting: one statement marks listings for a push.
    static final String BUMP = "with target as (select channel_id, listing_id from listing_mapping"
            + " where sku = any($1) and desired_version is not null order by channel_id, listing_id for update)"
            + " update listing_mapping m set sales_seq = m.sales_seq + 1 from target t"
            + " where m.channel_id = t.channel_id and m.listing_id = t.listing_id returning m.channel_id";

    private final Pool pool;
    private final PushScheduler pushers;
    private final Vertx vertx;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean running = new AtomicBoolean();

    public SalesSignal(Pool pool, PushScheduler pushers, Vertx vertx) {
        this.pool = pool;
        this.pushers = pushers;
        this.vertx = vertx;
    }

    /** These SKUs have new sales in flight (committed). */
    public void sold(Collection<String> skus) {
        if (!skus.isEmpty()) {
            pending.addAll(skus);
            drain();
        }
    }

    private void drain() {
        if (pending.isEmpty() || !running.compareAndSet(false, true)) {
            return;
        }
        Set<String> skus = new LinkedHashSet<>(pending);
        pending.removeAll(skus);
        bump(skus)
                .subscribe()
                .with(
                        channels -> {
                            pushers.wakeAll(channels);
                            running.set(false);
                            drain();
                        },
                        failure -> {
                            LOG.warnf(
                                    "marking listings of %d SKUs for a push failed, retrying: %s",
                                    skus.size(), failure);
                            pending.addAll(skus);
                            running.set(false);
                            vertx.setTimer(1000, id -> drain());
                        });
    }

    private Uni<Set<String>> bump(Set<String> skus) {
        String[] sorted = skus.stream().sorted().toArray(String[]::new);
        return pool.preparedQuery(BUMP).execute(Tuple.of((Object) sorted)).map(rows -> {
            Set<String> channels = new LinkedHashSet<>();
            rows.forEach(row -> channels.add(row.getString("channel_id")));
            return channels;
        });
    }
}
