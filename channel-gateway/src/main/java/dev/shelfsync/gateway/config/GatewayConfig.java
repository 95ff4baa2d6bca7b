package dev.shelfsync.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the channel gateway. */
@ConfigMapping(prefix = "shelfsync.gateway")
public interface GatewayConfig {

    /** Allow marketplace API URLs on loopback, private or link-local addresses (dev/test simulators only). */
    boolean allowPrivateEndpoints();

    /** Largest webhook body accepted; larger ones are refused with 413 and nothing stored. */
    int webhookMaxBytes();

    /** Time limit of one push request to a marketplace. */
    Duration pushTimeout();

    /** Longest pause between retries of a failing channel. */
    Duration maxBackoff();

    /** How long a channel may keep failing before channels.sync-failed is published. */
    Duration syncFailedAfter();

    /** Time between reconciliation sweeps of one channel (recent orders, listed quantities). */
    Duration reconcileInterval();

    /** How far back a reconciliation sweep asks the marketplace for orders. */
    Duration reconcileLookback();

    /** Most order-list pages one sweep reads; a longer backlog is continued by the following sweeps. */
    int reconcileMaxPages();

    /** A listing with an order this recent is not checked for drift (the sale may not have come back yet). */
    Duration driftGrace();

    /** Lifetime of a per-channel push or reconciliation lease; holders renew it every third of this. */
    Duration leaseTtl();

    /**
     * Period of the push safety sweep: reload every channel and wake those with listings still to push. Channel
     * changes and wakes for another replica's channels arrive by NOTIFY at once; this only bounds what a silently
     * broken LISTEN connection or a lost wake can delay. 5 s, not a minute: whatever a lost wake delays is a
     * window for overselling, and two statements per sweep keep the idle cost well under one transaction a second.
     */
    @WithDefault("5s")
    Duration pushSweepInterval();

    /**
     * How long a reported sale without an answer from routing keeps being subtracted from what channels show (a lost
     * routing event must not hold stock back forever).
     */
    Duration saleInFlightExpiry();

    /**
     * Compare-and-set pushes (Shopify) refused in a row for one listing before it is pushed unconditionally: the
     * store's quantity was changed in the store itself and no webhook will explain it.
     */
    int staleCompareLimit();

    /** How often the push backlog gauges are read from the database (never at scrape time). */
    @WithDefault("10s")
    Duration metricsInterval();

    /**
     * A channel's health reads "behind" once a listing has waited this long for its push, or its p99 sync lag is this
     * long: a healthy channel drains its backlog within seconds.
     */
    @WithDefault("30s")
    Duration healthBehindAfter();
}
