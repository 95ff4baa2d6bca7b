package dev.shelfsync.routing.location;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** A location as routing knows it, with today's orders and units counted against its capacity and the stock last seen per SKU. */
public record LocationView(
        String id,
        BigDecimal latitude,
        BigDecimal longitude,
        String countryCode,
        boolean active,
        List<String> servesChannels,
        Integer dailyCapacityOrders,
        int ordersToday,
        Integer dailyCapacityUnits,
        int unitsToday,
        Integer priority,
        BigDecimal costPerShipment,
        Map<String, Integer> sellableSeen) {}
