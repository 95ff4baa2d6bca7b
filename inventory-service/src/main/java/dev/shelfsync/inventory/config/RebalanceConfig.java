package dev.shelfsync.inventory.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** When units move on their own from a fence that still holds some to one whose channel has sold it. */
@ConfigMapping(prefix = "shelfsync.rebalance")
public interface RebalanceConfig {

    /** Whether a channel selling the last unit of its fence starts a rebalance towards it. */
    @WithDefault("false")
    boolean enabled();

    /** Units a giving channel keeps at least; a fence holding no more than this gives nothing. */
    @WithDefault("2")
    int threshold();
}
