package dev.shelfsync.gateway.health;

import dev.shelfsync.gateway.config.GatewayConfig;
import dev.shelfsync.gateway.push.PushScheduler;
import dev.shelfsync.gateway.synclag.SyncLagWindow;
import dev.shelfsync.gateway.synclag.SyncLagWindows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * Reads a channel's health in one statement (one snapshot of its listings, push state and reconciliation) and adds
 * the sync lag this replica measured.
 */
@ApplicationScoped
public class ChannelHealthQuery {

    /** The window over which the rate-limit use is counted. */
    static final Duration RATE_WINDOW = Duration.ofSeconds(60);

    private static final String READ = "select c.id, c.type, c.rate_limit_per_second, now() as read_at,"
            + " l.waiting, l.oldest_behind_since, l.in_error, l.last_push_at, l.recent_sends,"
            + " e.listing_id as error_listing, e.push_error, s.failing_since, s.last_error,"
            + " r.run_at, r.outcome, r.completed_at, r.listings_checked, r.orders_recovered, r.drift_found_at,"
            + " coalesce(cardinality(r.drifted_listings), 0) as drift_found, r.drift_total,"
            + " (select count(*) from listing_mapping m where m.channel_id = c.id"
            + " and m.listing_id = any(r.drifted_listings) and m.push_error is null"
            + " and m.pushed_at >= r.drift_found_at and not m.behind) as drift_repaired"
            + " from channel c"
            + " cross join lateral (select count(*) filter (where m.behind) as waiting,"
            + " min(m.behind_since) filter (where m.behind) as oldest_behind_since,"
            + " count(*) filter (where m.push_error is not null) as in_error,"
            + " max(m.push_acknowledged_at) as last_push_at,"
            + " count(distinct m.push_sent_at) filter (where m.push_sent_at > now() - $2::bigint * interval '1 second')"
            + " as recent_sends"
            + " from listing_mapping m where m.channel_id = c.id) l"
            + " left join lateral (select m.listing_id, m.push_error from listing_mapping m"
            + " where m.channel_id = c.id and m.push_error is not null"
            + " order by m.push_sent_at desc nulls last, m.pushed_at desc nulls last, m.listing_id limit 1) e on true"
            + " left join channel_sync_state s on s.channel_id = c.id"
            + " left join channel_reconcile_run r on r.channel_id = c.id"
            + " where c.id = $1";

    private final Pool pool;
    private final SyncLagWindows lags;
    private final Duration behindAfter;

    public ChannelHealthQuery(Pool pool, SyncLagWindows lags, GatewayConfig config) {
        this.pool = pool;
        this.lags = lags;
        this.behindAfter = config.healthBehindAfter();
    }

    /** @return null for an unknown channel */
    public Uni<ChannelHealth> of(String channelId) {
        return pool.preparedQuery(READ)
                .execute(Tuple.of(channelId, RATE_WINDOW.toSeconds()))
                .map(rows -> rows.size() == 0 ? null : health(rows.iterator().next()));
    }

    private ChannelHealth health(Row row) {
        OffsetDateTime readAt = row.getOffsetDateTime("read_at");
        SyncLagWindow.Percentile measured = lags.recent(row.getString("id"), System.currentTimeMillis());
        ChannelHealth.Lag lag = new ChannelHealth.Lag(
                measured == null ? null : measured.p99Millis(),
                measured == null ? 0 : measured.samples(),
                lags.windowSeconds());
        OffsetDateTime oldest = row.getOffsetDateTime("oldest_behind_since");
        ChannelHealth.Backlog backlog =
                new ChannelHealth.Backlog(row.getLong("waiting"), oldest, secondsBetween(oldest, readAt));
        ChannelHealth.Failures failures = new ChannelHealth.Failures(
                row.getLong("in_error"), row.getOffsetDateTime("failing_since"), row.getString("last_error"));
        long requests = row.getLong("recent_sends") * PushScheduler.requestsPerPush(row.getString("type"));
        ChannelHealth.RateLimit rate = new ChannelHealth.RateLimit(
                row.getInteger("rate_limit_per_second"),
                Math.round(requests * 100.0 / RATE_WINDOW.toSeconds()) / 100.0,
                RATE_WINDOW.toSeconds());
        String errorListing = row.getString("error_listing");
        OffsetDateTime lastPush = row.getOffsetDateTime("last_push_at");
        return new ChannelHealth(
                row.getString("id"),
                state(backlog, failures, lag),
                readAt,
                lastPush,
                secondsBetween(lastPush, readAt),
                errorListing == null ? null : new ChannelHealth.ListingError(errorListing, row.getString("push_error")),
                lag,
                backlog,
                failures,
                rate,
                reconciliation(row));
    }

    private static ChannelHealth.Reconciliation reconciliation(Row row) {
        if (row.getOffsetDateTime("run_at") == null) {
            return null;
        }
        return new ChannelHealth.Reconciliation(
                row.getOffsetDateTime("run_at"),
                row.getString("outcome"),
                row.getOffsetDateTime("completed_at"),
                row.getInteger("listings_checked"),
                row.getInteger("orders_recovered"),
                row.getOffsetDateTime("drift_found_at"),
                row.getInteger("drift_found"),
                row.getLong("drift_repaired").intValue(),
                row.getInteger("drift_total"));
    }

    private String state(ChannelHealth.Backlog backlog, ChannelHealth.Failures failures, ChannelHealth.Lag lag) {
        if (failures.failingSince() != null || failures.listingsInError() > 0) {
            return ChannelHealth.FAILING;
        }
        boolean waitedLong =
                backlog.oldestAgeSeconds() != null && backlog.oldestAgeSeconds() >= behindAfter.toSeconds();
        boolean lagging = lag.p99Millis() != null && lag.p99Millis() >= behindAfter.toMillis();
        return waitedLong || lagging ? ChannelHealth.BEHIND : ChannelHealth.OK;
    }

    private static Long secondsBetween(OffsetDateTime from, OffsetDateTime to) {
        return from == null ? null : Math.max(0, Duration.between(from, to).toSeconds());
    }
}
