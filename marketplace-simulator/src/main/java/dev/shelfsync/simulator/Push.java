package dev.shelfsync.simulator;

import java.time.Instant;
import java.util.Set;

/**
 * One listing quantity the marketplace accepted from the gateway.
 *
 * @param arrivedAt when the request reached the simulator
 * @param version the Shelfsync availability version the gateway sent with it, null if none was sent
 * @param salesInFlight {@code channel/order} of the sales the gateway subtracted before inventory counted them
 */
public record Push(Instant arrivedAt, String listingId, int quantity, Long version, Set<String> salesInFlight) {

    public Push {
        salesInFlight = salesInFlight == null ? Set.of() : Set.copyOf(salesInFlight);
    }

    public Push(Instant arrivedAt, String listingId, int quantity, Long version) {
        this(arrivedAt, listingId, quantity, version, Set.of());
    }

    /**
     * Whether this quantity accounts for a sale: availability at or above the version that includes its reservation,
     * or the sale subtracted as in flight.
     *
     * @param reservedVersion null when the sale was never reserved
     */
    public boolean reflects(String channelId, String externalOrderId, Long reservedVersion) {
        return (version != null && reservedVersion != null && version >= reservedVersion)
                || salesInFlight.contains(channelId + "/" + externalOrderId);
    }
}
