package dev.shelfsync.inventory.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The bounds and windows of buffers sized from measurements ({@code bufferMode: auto}). */
@ConfigMapping(prefix = "shelfsync.auto-buffer")
public interface AutoBufferConfig {

    /** No auto buffer exceeds this many units, whatever the measurements say. */
    @WithDefault("200")
    int maxUnits();

    /** Sales of the last this long make an SKU's velocity per channel. */
    @WithDefault("10s")
    Duration velocityWindow();

    /**
     * The shortest span a velocity is divided by: the first sales of a burst are a rate over at least this long,
     * not over the milliseconds between them.
     */
    @WithDefault("1s")
    Duration shortestSpan();

    /** The lag assumed for a channel the gateway has not measured yet. */
    @WithDefault("2s")
    Duration unmeasuredLag();

    /** How often SKUs sold within two velocity windows are republished, so their buffers shrink as sales stop. */
    @WithDefault("2s")
    Duration refreshEvery();
}
