package dev.shelfsync.inventory.availability;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Set;

/**
 * A SKU's stock at one active location: the states it is kept in, the sellable units they leave (computed by the
 * database with the same expression its check constraint and the reservation use), and the channels the location
 * ships for (empty: all).
 */
public record LocationStock(
        String locationId,
        int onHand,
        int reserved,
        int damaged,
        int qualityHold,
        int inbound,
        int sellable,
        Set<String> servesChannels) {

    /** Stock known only by its sellable units, for callers that have no use for the states. */
    public static LocationStock sellableOnly(String locationId, int sellable, Set<String> servesChannels) {
        return new LocationStock(locationId, sellable, 0, 0, 0, 0, sellable, servesChannels);
    }

    @JsonIgnore
    boolean serves(String channelId) {
        return servesChannels.isEmpty() || servesChannels.contains(channelId);
    }
}
