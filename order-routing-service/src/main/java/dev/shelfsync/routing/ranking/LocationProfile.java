package dev.shelfsync.routing.ranking;

import java.math.BigDecimal;
import java.util.List;

/**
 * What routing knows about one location when it ranks: geo data, channel restrictions, capacity, cost, priority.
 *
 * @param servesChannels channel ids; empty means every channel
 * @param dailyCapacityOrders orders per day, null for unlimited
 * @param ordersToday orders counted against this location today (requested or routed)
 * @param dailyCapacityUnits units per day, null for unlimited
 * @param unitsToday units counted against this location today
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
        BigDecimal costPerShipment,
        Integer dailyCapacityUnits,
        int unitsToday) {

    /** Without a unit limit. */
    public LocationProfile(
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
        this(
                id,
                latitude,
                longitude,
                countryCode,
                active,
                servesChannels,
                dailyCapacityOrders,
                ordersToday,
                priority,
                costPerShipment,
                null,
                0);
    }

    /** A location seen only in stock events: no geo data, no restrictions, no limit. */
    public static LocationProfile unknown(String id, int ordersToday, int unitsToday) {
        return new LocationProfile(
                id, null, null, null, true, List.of(), null, ordersToday, null, null, null, unitsToday);
    }

    public boolean serves(String channelId) {
        return servesChannels.isEmpty() || servesChannels.contains(channelId);
    }

    /** No room for one more order today (by orders or by units). */
    public boolean atCapacity() {
        return (dailyCapacityOrders != null && ordersToday >= dailyCapacityOrders)
                || (dailyCapacityUnits != null && unitsToday >= dailyCapacityUnits);
    }

    /** Whether one more order of {@code units} fits today's limits. */
    public boolean fits(int units) {
        return (dailyCapacityOrders == null || ordersToday + 1 <= dailyCapacityOrders)
                && (dailyCapacityUnits == null || unitsToday + units <= dailyCapacityUnits);
    }

    /** The same location treated as full for the order being planned (its capacity was taken meanwhile). */
    public LocationProfile full() {
        return new LocationProfile(
                id,
                latitude,
                longitude,
                countryCode,
                active,
                servesChannels,
                dailyCapacityOrders,
                dailyCapacityOrders == null ? ordersToday : Math.max(ordersToday, dailyCapacityOrders),
                priority,
                costPerShipment,
                dailyCapacityUnits,
                dailyCapacityUnits == null ? unitsToday : Math.max(unitsToday, dailyCapacityUnits));
    }

    public boolean hasCoordinates() {
        return latitude != null && longitude != null;
    }
}
