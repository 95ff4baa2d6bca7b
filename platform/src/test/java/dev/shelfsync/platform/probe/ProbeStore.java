package dev.shelfsync.platform.probe;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** What the tests count in the probe's database: effects applied and outbox rows not yet published. */
@ApplicationScoped
public class ProbeStore {

    private final Pool pool;

    public ProbeStore(Pool pool) {
        this.pool = pool;
    }

    public long effects(String label) {
        return count("select count(*) from probe_effect where label = $1", Tuple.of(label));
    }

    /** Effects of the labels starting with {@code prefix}, each counted as often as it took effect. */
    public long effectsStartingWith(String prefix) {
        return count("select count(*) from probe_effect where label like $1", Tuple.of(prefix + "%"));
    }

    /** Distinct labels starting with {@code prefix} that took effect. */
    public long labelsStartingWith(String prefix) {
        return count("select count(distinct label) from probe_effect where label like $1", Tuple.of(prefix + "%"));
    }

    public long unpublished() {
        return count("select count(*) from outbox_message", Tuple.tuple());
    }

    private long count(String sql, Tuple arguments) {
        return pool.preparedQuery(sql)
                .execute(arguments)
                .map(rows -> rows.iterator().next().getLong(0))
                .await()
                .indefinitely();
    }
}
