package dev.shelfsync.platform.metrics;

import io.vertx.mutiny.core.Vertx;
import java.time.Duration;

/**
 * Runs a gauge's database read at once and then on a Vert.x timer. A gauge is read synchronously on the scraping
 * thread, which must never wait for the database (and one query per scrape, scraper and replica adds up), so a gauge
 * backed by the database shows its last read instead.
 */
public final class GaugeRefresh {

    private final Vertx vertx;
    private final long timer;

    private GaugeRefresh(Vertx vertx, long timer) {
        this.vertx = vertx;
        this.timer = timer;
    }

    /** @param read starts the read; it must not block and should keep the previous values when it fails */
    public static GaugeRefresh every(Vertx vertx, Duration interval, Runnable read) {
        read.run();
        return new GaugeRefresh(vertx, vertx.setPeriodic(interval.toMillis(), id -> read.run()));
    }

    public void stop() {
        vertx.cancelTimer(timer);
    }
}
