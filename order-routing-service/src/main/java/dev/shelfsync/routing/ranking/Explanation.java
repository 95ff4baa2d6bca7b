package dev.shelfsync.routing.ranking;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Why routing proposed what it proposed, stored with the order so a person can follow the decision.
 *
 * @param shipTo the ship-to position the distances were measured from, and where it came from
 * @param decision {@code single-location}, {@code split}, {@code insufficient-stock-seen} or {@code no-location}
 * @param chosen line id to the planned location (absent for a line no location could cover in the read model)
 * @param locations every location considered, in rank order, excluded ones last
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Explanation(
        String strategy,
        ShipToResolution shipTo,
        String decision,
        int shipments,
        Map<String, String> chosen,
        List<Assessment> locations,
        List<String> notes) {

    /** One location as the ranking saw it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Assessment(
            String locationId,
            Integer rank,
            String excludedBecause,
            Double distanceKm,
            Boolean sameCountry,
            Map<String, Integer> sellableSeen,
            Integer ordersToday,
            Integer dailyCapacityOrders,
            Integer unitsToday,
            Integer dailyCapacityUnits,
            boolean atCapacity,
            Integer priority,
            String costPerShipment) {}
}
