package dev.shelfsync.gateway.health;

import java.time.OffsetDateTime;

/**
 * How well a channel keeps its store in step, from what the gateway stores (listings, push state, reconciliation
 * sweeps) and, for the sync lag, what this replica measured. Ages are seconds at {@code readAt}, the database's clock.
 *
 * @param state {@code failing} (pushes fail, or a listing's push was refused), {@code behind} (a listing has waited
 *     longer than {@code shelfsync.gateway.health-behind-after}, or the p99 sync lag is that long), else {@code ok}
 * @param lastPushAt the latest push a store of this channel acknowledged, null before the first
 * @param lastPushError a listing whose push the marketplace refused (the latest sent of them), null when none
 */
public record ChannelHealth(
        String channelId,
        String state,
        OffsetDateTime readAt,
        OffsetDateTime lastPushAt,
        Long lastPushAgeSeconds,
        ListingError lastPushError,
        Lag lag,
        Backlog backlog,
        Failures failures,
        RateLimit rateLimit,
        Reconciliation reconciliation) {

    public static final String OK = "ok";
    public static final String BEHIND = "behind";
    public static final String FAILING = "failing";

    /** A listing in error and the marketplace's reason. */
    public record ListingError(String listingId, String error) {}

    /**
     * The sync lag (a sale committed on another channel -> this store acknowledged the first push showing it).
     *
     * @param p99Millis nearest-rank p99 over the window, null when nothing was measured in it
     * @param samples sales measured in the window; only the replica pushing the channel measures, so another
     *     replica answers 0
     */
    public record Lag(Long p99Millis, int samples, long windowSeconds) {}

    /**
     * @param listings listings whose current quantity is not pushed yet (desired version or sales in flight ahead of
     *     the last push, or never pushed)
     * @param oldestSince since when the longest-waiting of them has been behind, null when none is
     */
    public record Backlog(long listings, OffsetDateTime oldestSince, Long oldestAgeSeconds) {}

    /**
     * @param listingsInError listings whose last push the marketplace refused (not retried until their number changes)
     * @param failingSince since when pushes fail (5xx, timeouts; retried with backoff), null while they go through
     * @param lastError the reason of the latest such failure
     */
    public record Failures(long listingsInError, OffsetDateTime failingSince, String lastError) {}

    /**
     * @param perSecond the channel's configured limit (requests per second)
     * @param usedPerSecond requests per second over the window, counted from the send times stored on the listings:
     *     a lower bound, since a listing keeps only its latest send
     */
    public record RateLimit(int perSecond, double usedPerSecond, long windowSeconds) {}

    /**
     * The reconciliation sweeps; null when the channel was never swept (custom channels are not).
     *
     * @param outcome how the last sweep ended: {@code completed}, {@code marketplace-unavailable}, {@code failed}
     * @param lastCompletedAt when the last completed sweep ended; {@code listingsChecked} and {@code ordersRecovered}
     *     are its figures
     * @param lastDriftAt when the last sweep that found drift started, null when none did
     * @param driftFound listings that sweep found showing another quantity than Shelfsync wants
     * @param driftRepaired of those, the ones pushed since and in step now
     * @param driftFoundTotal listings found drifted by every sweep of the channel
     */
    public record Reconciliation(
            OffsetDateTime lastRunAt,
            String outcome,
            OffsetDateTime lastCompletedAt,
            Integer listingsChecked,
            Integer ordersRecovered,
            OffsetDateTime lastDriftAt,
            int driftFound,
            int driftRepaired,
            int driftFoundTotal) {}
}
