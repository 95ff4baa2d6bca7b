package dev.shelfsync.returns.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the returns workflow. */
@ConfigMapping(prefix = "returns")
public interface ReturnsConfig {

    /** Received units not inspected within this time are overdue. */
    Duration inspectionSla();

    /** How often the overdue sweep runs ("off" disables it); read by the scheduler expression. */
    String overdueCheckEvery();

    /** How often the overdue-inspection gauge is read from the database (never at scrape time). */
    @WithDefault("15s")
    Duration metricsInterval();
}
