package dev.shelfsync.routing.ranking;

import java.math.BigDecimal;
import java.util.List;

/**
 * What routing knows about one location when it ranks: geo data, channel restrictions, capacity, cost, priority.
 *
 * @param servesChannels channel ids; empty means every channel
 * @param dailyCapacityOrders orders per day, null for unlimited
 * @param ordersToday orders already routed to this location today
 */
public record LocationProfile(
        String id,
        Double latitude,
        Double longitude,
        String countryCode,
        boolean active,
        List<String> servesChannels,
        Integer dailyCapacityOrders,
        int ordersToday,
        Integer priority,
        BigDecimal costPerShipment) {

    /** A location seen only in stock events: no geo data, no restrictions, no limit. */
    public static LocationProfile unknown(String id, int ordersToday) {
        return new LocationProfile(id, null, null, null, true, List.of(), null, ordersToday, null, null);
    }

    public boolean serves(String channelId) {
        return servesChannels.isEmpty() || servesChannels.contains(channelId);
    }

    public boolean atCapacity() {
        return dailyCapacityOrders != null && ordersToday >= dailyCapacityOrders;
    }

    public boolean hasCoordinates() {
        return latitude != null && longitude != null;
    }
}
