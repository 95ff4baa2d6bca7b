package dev.shelfsync.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the outbox relay drains and when a service stops calling itself ready because events are not leaving. */
@ConfigMapping(prefix = "shelfsync.outbox")
public interface OutboxConfig {

    /** The service's exchange, which its events are published to (declared durable if missing). */
    String exchange();

    /** The exchange's type when the relay declares it. */
    @WithDefault("topic")
    String exchangeType();

    /** Shortest time between two connection attempts of the relay's publisher while the broker cannot be reached. */
    @WithDefault("1s")
    Duration reconnectInterval();

    /** Rows claimed and published per transaction. */
    @WithDefault("500")
    int batchSize();

    /** How long a batch waits for the broker's confirms before it rolls back and is published again. */
    @WithDefault("5s")
    Duration confirmTimeout();

    /**
     * Period of the sweep that covers what no NOTIFY announces: a batch rolled back by a replica that died mid-publish
     * (its rows unlock without a new insert) or a LISTEN connection that broke silently. Every insert notifies and a
     * re-established LISTEN drains at once, so the sweep is only this bound on those rare delays; each sweep is a
     * committed transaction in every replica, which a 1 s period made the largest idle cost of a quiet service.
     */
    @WithDefault("10s")
    Duration sweepInterval();

    /**
     * How long a send handed to the connector may stay without confirm or refusal before the relay presumes it lost
     * and sends its row again (the client can drop a send made while the broker was unreachable). A confirm that is
     * merely late, within this bound, is waited for instead of answered with copies.
     */
    @WithDefault("15s")
    Duration presumeLostAfter();

    /** Longest pause between attempts while the broker or the database keeps failing. */
    @WithDefault("5s")
    Duration maxRetryPause();

    /** Readiness goes DOWN above this many unpublished rows. */
    @WithDefault("10000")
    long maxBacklog();

    /** Readiness goes DOWN while the oldest unpublished row is older than this. */
    @WithDefault("60s")
    Duration maxAge();

    /** How often the backlog and oldest-row gauges are read from the database (never at scrape time). */
    @WithDefault("10s")
    Duration metricsInterval();
}
