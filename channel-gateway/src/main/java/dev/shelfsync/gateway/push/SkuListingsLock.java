package dev.shelfsync.gateway.push;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Serialises, per SKU, the two writers of a listing's desired quantity: an availability change (which updates the
 * SKU's existing listings) and a new or changed mapping (which copies the SKU's latest availability). Without it
 * a mapping saved while a change is being applied sees neither the change nor is seen by it, and is never pushed.
 * A transaction-scoped advisory lock; the statements after it see what the previous holder committed.
 */
public final class SkuListingsLock {

    // Keys are taken in ascending order so that two transactions locking several SKUs never deadlock.
    private static final String LOCK = "select pg_advisory_xact_lock(key) from"
            + " (select distinct hashtextextended(sku, 0) as key from unnest($1::text[]) sku order by key) keys";

    private SkuListingsLock() {}

    public static Uni<Void> hold(SqlConnection tx, String sku) {
        return holdAll(tx, List.of(sku));
    }

    public static Uni<Void> holdAll(SqlConnection tx, Collection<String> skus) {
        return tx.preparedQuery(LOCK)
                .execute(Tuple.of(new TreeSet<>(skus).toArray(String[]::new)))
                .replaceWithVoid();
    }
}
