package dev.shelfsync.routing.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingPlannerTest {

    private static final String CHANNEL = "shop";
    private static final GeoPoint LOS_ANGELES = new GeoPoint(34.05, -118.24, "US");
    private static final GeoPoint NEW_YORK_NO_COORDS = new GeoPoint(null, null, "US");

    private static LocationProfile at(String id, double lat, double lon) {
        return new LocationProfile(id, lat, lon, "US", true, List.of(), null, 0, null, null);
    }

    private static final LocationProfile WEST = at("west", 37.77, -122.42);
    private static final LocationProfile EAST = at("east", 40.71, -74.0);

    private static RoutingPlan plan(
            List<LineDemand> lines,
            GeoPoint shipTo,
            RoutingRule rule,
            List<LocationProfile> locations,
            Map<String, Map<String, Integer>> stock) {
        return RoutingPlanner.plan(CHANNEL, lines, shipTo, rule, locations, stock);
    }

    private static List<LineDemand> one(String sku, int quantity) {
        return List.of(new LineDemand("1", sku, quantity));
    }

    @Test
    void anOrderToTheWestShipsFromTheWestWithTheEastAsFallback() {
        RoutingPlan plan = plan(
                one("A", 1),
                LOS_ANGELES,
                RoutingRule.defaults(),
                List.of(EAST, WEST),
                Map.of("west", Map.of("A", 5), "east", Map.of("A", 5)));

        assertEquals(List.of("west", "east"), plan.lines().get(0).candidateLocationIds());
        assertEquals("single-location", plan.explanation().decision());
        Explanation.Assessment west = plan.explanation().locations().get(0);
        assertEquals("west", west.locationId());
        assertTrue(west.distanceKm() > 500 && west.distanceKm() < 600, "LA-SF is about 560 km: " + west.distanceKm());
        assertEquals(Map.of("A", 5), west.sellableSeen());
    }

    @Test
    void whenTheWestHasNoneTheEastShipsAndTheWestIsNotOffered() {
        RoutingPlan plan = plan(
                one("A", 2),
                LOS_ANGELES,
                RoutingRule.defaults(),
                List.of(EAST, WEST),
                Map.of("west", Map.of("A", 1), "east", Map.of("A", 5)));

        assertEquals(List.of("east"), plan.lines().get(0).candidateLocationIds());
    }

    @Test
    void withNoStockSeenAnywhereEveryEligibleLocationIsOfferedNearestFirst() {
        RoutingPlan plan = plan(one("A", 1), LOS_ANGELES, RoutingRule.defaults(), List.of(EAST, WEST), Map.of());

        assertEquals(List.of("west", "east"), plan.lines().get(0).candidateLocationIds());
        assertEquals("insufficient-stock-seen", plan.explanation().decision());
    }

    @Test
    void inactiveLocationsAndLocationsNotServingTheChannelAreExcludedWithAReason() {
        LocationProfile closed =
                new LocationProfile("closed", 34.0, -118.0, "US", false, List.of(), null, 0, null, null);
        LocationProfile wholesale =
                new LocationProfile("b2b", 34.0, -118.0, "US", true, List.of("wholesale"), null, 0, null, null);
        RoutingPlan plan = plan(
                one("A", 1),
                LOS_ANGELES,
                RoutingRule.defaults(),
                List.of(closed, wholesale, EAST),
                Map.of("closed", Map.of("A", 9), "b2b", Map.of("A", 9), "east", Map.of("A", 1)));

        assertEquals(List.of("east"), plan.lines().get(0).candidateLocationIds());
        Map<String, String> reasons = new java.util.HashMap<>();
        plan.explanation().locations().stream()
                .filter(a -> a.excludedBecause() != null)
                .forEach(a -> reasons.put(a.locationId(), a.excludedBecause()));
        assertEquals(Map.of("closed", "inactive", "b2b", "does not serve channel shop"), reasons);
    }

    @Test
    void aSingleLocationThatShipsEverythingBeatsANearerSplit() {
        List<LineDemand> lines = List.of(new LineDemand("1", "A", 1), new LineDemand("2", "B", 1));
        RoutingPlan plan = plan(
                lines,
                LOS_ANGELES,
                RoutingRule.defaults(),
                List.of(WEST, EAST),
                Map.of("west", Map.of("A", 5), "east", Map.of("A", 5, "B", 5)));

        assertEquals("east", plan.lines().get(0).candidateLocationIds().get(0));
        assertEquals("east", plan.lines().get(1).candidateLocationIds().get(0));
        assertEquals(1, plan.explanation().shipments());
    }

    @Test
    void aThreeLineOrderNoSingleLocationCanShipIsSplitAcrossTheFewestLocations() {
        LocationProfile x = at("x", 34.1, -118.2);
        LocationProfile y = at("y", 41.9, -87.6);
        LocationProfile z = at("z", 40.7, -74.0);
        List<LineDemand> lines =
                List.of(new LineDemand("1", "A", 1), new LineDemand("2", "B", 1), new LineDemand("3", "C", 1));
        // Nearest-first greedy would take x (A), then need y for B and C: also 2. z+y is 2 as well; x alone is 1 line.
        RoutingPlan plan = plan(
                lines,
                LOS_ANGELES,
                RoutingRule.defaults(),
                List.of(x, y, z),
                Map.of("x", Map.of("A", 1), "y", Map.of("B", 1, "C", 1), "z", Map.of("A", 1, "B", 1)));

        assertEquals("split", plan.explanation().decision());
        assertEquals(2, plan.explanation().shipments());
        assertEquals(Map.of("1", "x", "2", "y", "3", "y"), plan.explanation().chosen());
    }

    @Test
    void aLocationAtDailyCapacityOverflowsToTheNext() {
        LocationProfile fullWest = new LocationProfile("west", 37.77, -122.42, "US", true, List.of(), 2, 2, null, null);
        RoutingPlan plan = plan(
                one("A", 1),
                LOS_ANGELES,
                RoutingRule.defaults(),
                List.of(fullWest, EAST),
                Map.of("west", Map.of("A", 5), "east", Map.of("A", 5)));

        assertEquals(List.of("east", "west"), plan.lines().get(0).candidateLocationIds());
        assertTrue(plan.explanation().locations().get(1).atCapacity());
    }

    @Test
    void aFullLocationStillShipsWhenNoOtherCan() {
        LocationProfile fullWest = new LocationProfile("west", 37.77, -122.42, "US", true, List.of(), 1, 1, null, null);
        RoutingPlan plan = plan(
                one("A", 1),
                LOS_ANGELES,
                RoutingRule.defaults(),
                List.of(fullWest, EAST),
                Map.of("west", Map.of("A", 5)));

        assertEquals(List.of("west"), plan.lines().get(0).candidateLocationIds());
        assertEquals("single-location", plan.explanation().decision());
    }

    @Test
    void withoutCoordinatesTheSameCountryComesFirst() {
        LocationProfile berlin = new LocationProfile("berlin", 52.5, 13.4, "DE", true, List.of(), null, 0, null, null);
        RoutingPlan plan = plan(
                one("A", 1),
                NEW_YORK_NO_COORDS,
                RoutingRule.defaults(),
                List.of(berlin, EAST),
                Map.of("berlin", Map.of("A", 5), "east", Map.of("A", 5)));

        assertEquals(List.of("east", "berlin"), plan.lines().get(0).candidateLocationIds());
    }

    @Test
    void withNoLocationDataTheLocationWithMostStockComesFirst() {
        RoutingPlan plan = plan(
                one("A", 1),
                null,
                RoutingRule.defaults(),
                List.of(LocationProfile.unknown("a", 0, 0), LocationProfile.unknown("b", 0, 0)),
                Map.of("a", Map.of("A", 2), "b", Map.of("A", 7)));

        assertEquals(List.of("b", "a"), plan.lines().get(0).candidateLocationIds());
    }

    @Test
    void alternativeStrategiesOrderByStockCostOrFixedPriority() {
        LocationProfile cheapFar =
                new LocationProfile("cheap", 40.71, -74.0, "US", true, List.of(), null, 0, 2, new BigDecimal("3.10"));
        LocationProfile dearNear =
                new LocationProfile("dear", 34.0, -118.0, "US", true, List.of(), null, 0, 1, new BigDecimal("9.90"));
        Map<String, Map<String, Integer>> stock = Map.of("cheap", Map.of("A", 50), "dear", Map.of("A", 5));
        List<LocationProfile> both = List.of(dearNear, cheapFar);

        assertEquals("dear", first(plan(one("A", 1), LOS_ANGELES, RoutingRule.defaults(), both, stock)));
        assertEquals(
                "cheap",
                first(plan(
                        one("A", 1),
                        LOS_ANGELES,
                        new RoutingRule(Strategy.LOWEST_COST, List.of(), "backorder"),
                        both,
                        stock)));
        assertEquals(
                "cheap",
                first(plan(
                        one("A", 1),
                        LOS_ANGELES,
                        new RoutingRule(Strategy.HIGHEST_STOCK, List.of(), "backorder"),
                        both,
                        stock)));
        assertEquals(
                "cheap",
                first(plan(
                        one("A", 1),
                        LOS_ANGELES,
                        new RoutingRule(Strategy.PRIORITY, List.of("cheap", "dear"), "backorder"),
                        both,
                        stock)));
        assertEquals(
                "dear",
                first(plan(
                        one("A", 1),
                        LOS_ANGELES,
                        new RoutingRule(Strategy.PRIORITY, List.of(), "backorder"),
                        both,
                        stock)));
    }

    private static LocationProfile in(String id, double lat, double lon, String country) {
        return new LocationProfile(id, lat, lon, country, true, List.of(), null, 0, null, null);
    }

    @Test
    void withoutCoordinatesThePostalAreaCentroidMeasuresTheDistance() {
        LocationProfile berlin = in("berlin", 52.40, 13.50, "DE");
        LocationProfile munich = in("munich", 48.20, 11.60, "DE");
        RoutingPlan plan = plan(
                one("A", 1),
                new GeoPoint(null, null, "DE", "10115"),
                RoutingRule.defaults(),
                List.of(munich, berlin),
                Map.of("berlin", Map.of("A", 1), "munich", Map.of("A", 9)));

        assertEquals(List.of("berlin", "munich"), plan.lines().get(0).candidateLocationIds());
        ShipToResolution where = plan.explanation().shipTo();
        assertEquals("postal-centroid", where.source());
        assertEquals("10", where.postalPrefix());
        assertTrue(
                plan.explanation().notes().get(0).contains("DE 10 (Berlin)"),
                plan.explanation().notes().get(0));
        assertTrue(plan.explanation().locations().get(0).distanceKm() < 50);

        RoutingPlan south = plan(
                one("A", 1),
                new GeoPoint(null, null, "DE", "80331"),
                RoutingRule.defaults(),
                List.of(berlin, munich),
                Map.of("berlin", Map.of("A", 1), "munich", Map.of("A", 9)));
        assertEquals("munich", first(south));
    }

    @Test
    void withOnlyTheCountryCentreKnownALocationInTheCountryBeatsANearerOneAbroad() {
        LocationProfile flensburg = in("flensburg", 54.78, 9.44, "DE");
        LocationProfile eindhoven = in("eindhoven", 51.44, 5.47, "NL");
        RoutingPlan plan = plan(
                one("A", 1),
                new GeoPoint(null, null, "DE", "00000"),
                RoutingRule.defaults(),
                List.of(eindhoven, flensburg),
                Map.of("flensburg", Map.of("A", 1), "eindhoven", Map.of("A", 1)));

        assertEquals(List.of("flensburg", "eindhoven"), plan.lines().get(0).candidateLocationIds());
        assertEquals("country-centroid", plan.explanation().shipTo().source());
        Explanation.Assessment home = plan.explanation().locations().get(0);
        Explanation.Assessment abroad = plan.explanation().locations().get(1);
        assertTrue(abroad.distanceKm() < home.distanceKm(), "Eindhoven is nearer to the centre of Germany");
        assertEquals(Boolean.TRUE, home.sameCountry());
    }

    @Test
    void withAnUnknownCountryCentreOnlySameCountryIsPreferred() {
        LocationProfile local = new LocationProfile("local", null, null, "XX", true, List.of(), null, 0, null, null);
        RoutingPlan plan = plan(
                one("A", 1),
                new GeoPoint(null, null, "XX", "123"),
                RoutingRule.defaults(),
                List.of(WEST, local),
                Map.of("local", Map.of("A", 1), "west", Map.of("A", 9)));

        assertEquals("local", first(plan));
        assertEquals("country", plan.explanation().shipTo().source());
    }

    @Test
    void aLocationOutOfUnitsRanksLastLikeOneOutOfOrders() {
        LocationProfile fullUnits =
                new LocationProfile("west", 37.77, -122.42, "US", true, List.of(), null, 1, null, null, 5, 5);
        assertTrue(fullUnits.atCapacity());
        LocationProfile roomForTwo =
                new LocationProfile("west", 37.77, -122.42, "US", true, List.of(), 10, 1, null, null, 5, 3);
        assertTrue(!roomForTwo.atCapacity() && roomForTwo.fits(2) && !roomForTwo.fits(3));
        assertTrue(roomForTwo.full().atCapacity());

        RoutingPlan plan = plan(
                one("A", 1),
                LOS_ANGELES,
                RoutingRule.defaults(),
                List.of(fullUnits, EAST),
                Map.of("west", Map.of("A", 5), "east", Map.of("A", 5)));
        assertEquals(List.of("east", "west"), plan.lines().get(0).candidateLocationIds());
        Explanation.Assessment west = plan.explanation().locations().get(1);
        assertEquals(5, west.unitsToday());
        assertEquals(5, west.dailyCapacityUnits());
    }

    private static String first(RoutingPlan plan) {
        return plan.lines().get(0).candidateLocationIds().get(0);
    }
}
