package dev.shelfsync.gateway.lease;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Per-channel leases in the gateway database, so that with several replicas exactly one pushes (or reconciles) a
 * channel at a time. A holder renews its lease before it expires; when the holder dies the lease expires and the
 * next replica that asks takes it over. Time is the database's clock, so replicas need no synchronised clocks.
 */
@ApplicationScoped
public class ChannelLeases {

    public static final String PUSH = "push";
    public static final String RECONCILE = "reconcile";

    // Taken when free, expired, or already ours; for reconciliation also only once not_before has passed.
    private static final String ACQUIRE = "insert into channel_lease (channel_id, purpose, holder, expires_at)"
            + " values ($1, $2, $3, now() + $4::bigint * interval '1 millisecond')"
            + " on conflict (channel_id, purpose) do update set holder = excluded.holder,"
            + " expires_at = excluded.expires_at"
            + " where (channel_lease.holder = excluded.holder or channel_lease.expires_at < now())"
            + " and (not $5::boolean or channel_lease.not_before is null or channel_lease.not_before <= now())"
            + " returning holder";
    // The same rule for many channels in one statement: a replica's whole renewal round is one transaction.
    private static final String ACQUIRE_ALL = "insert into channel_lease (channel_id, purpose, holder, expires_at)"
            + " select id, $2, $3, now() + $4::bigint * interval '1 millisecond' from unnest($1::text[]) as id"
            + " on conflict (channel_id, purpose) do update set holder = excluded.holder,"
            + " expires_at = excluded.expires_at"
            + " where channel_lease.holder = excluded.holder or channel_lease.expires_at < now()"
            + " returning channel_id";
    private static final String RELEASE = "update channel_lease set expires_at = now(),"
            + " not_before = coalesce(now() + $4::bigint * interval '1 millisecond', not_before)"
            + " where channel_id = $1 and purpose = $2 and holder = $3";

    private final Pool pool;

    public ChannelLeases(Pool pool) {
        this.pool = pool;
    }

    /** Takes or renews the lease; true when {@code holder} now holds it for {@code ttl}. */
    public Uni<Boolean> acquire(String channelId, String purpose, String holder, Duration ttl) {
        return acquire(channelId, purpose, holder, ttl, false);
    }

    /**
     * As {@link #acquire(String, String, String, Duration)}, but when {@code respectNotBefore} the lease is granted
     * only after the time set by the previous holder's {@link #release(String, String, String, Duration)}.
     */
    public Uni<Boolean> acquire(
            String channelId, String purpose, String holder, Duration ttl, boolean respectNotBefore) {
        return pool.preparedQuery(ACQUIRE)
                .execute(Tuple.of(channelId, purpose, holder, ttl.toMillis(), respectNotBefore))
                .map(rows -> rows.size() == 1);
    }

    /**
     * Takes or renews the leases of all these channels at once (same rule as {@link #acquire(String, String, String,
     * Duration)}, without a not-before); returns the ids {@code holder} now holds for {@code ttl}.
     */
    public Uni<Set<String>> acquireAll(Collection<String> channelIds, String purpose, String holder, Duration ttl) {
        if (channelIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return pool.preparedQuery(ACQUIRE_ALL)
                .execute(Tuple.of(channelIds.toArray(new String[0]), purpose, holder, ttl.toMillis()))
                .map(rows -> {
                    Set<String> held = new HashSet<>();
                    rows.forEach(row -> held.add(row.getString("channel_id")));
                    return held;
                });
    }

    /** Gives the lease up at once; {@code pause}, when not null, keeps everyone off it for that long. */
    public Uni<Void> release(String channelId, String purpose, String holder, Duration pause) {
        return pool.preparedQuery(RELEASE)
                .execute(Tuple.of(channelId, purpose, holder, pause == null ? null : pause.toMillis()))
                .replaceWithVoid();
    }
}
