package dev.shelfsync.simulator;

import java.time.Instant;

/**
 * One listing quantity the marketplace accepted from the gateway.
 *
 * @param arrivedAt when the request reached the simulator
 * @param version the Shelfsync availability version the gateway sent with it, null if none was sent
 */
public record Push(Instant arrivedAt, String listingId, int quantity, Long version) {}
