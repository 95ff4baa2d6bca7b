package dev.shelfsync.inventory.availability;

import java.util.Set;

/** Sellable units of a SKU at one active location, and the channels the location ships for (empty: all). */
public record LocationStock(String locationId, int sellable, Set<String> servesChannels) {

    boolean serves(String channelId) {
        return servesChannels.isEmpty() || servesChannels.contains(channelId);
    }
}
