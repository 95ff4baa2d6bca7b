package dev.shelfsync.routing.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CentroidsTest {

    private static final Centroids TABLE = Centroids.builtIn();

    private static ShipToResolution at(String country, String postalCode) {
        return TABLE.resolve(new GeoPoint(null, null, country, postalCode));
    }

    @Test
    void theBuiltInTableHasAFewHundredPostalAreas() {
        assertTrue(TABLE.postalEntries() > 300, "entries: " + TABLE.postalEntries());
    }

    @Test
    void theLongestMatchingPostalPrefixOfTheCountryWins() {
        ShipToResolution berlin = at("DE", "10115");
        assertEquals(ShipToResolution.POSTAL_CENTROID, berlin.source());
        assertEquals("10", berlin.postalPrefix());
        assertEquals("Berlin", berlin.label());
        assertEquals("Munich", at("de", "80331").label());
        assertEquals("Manhattan", at("US", "10001-1234").label());
        assertEquals("New York", at("US", "10801").label());
        assertEquals("San Francisco", at("US", "94107").label());
        assertEquals("London South West", at("GB", "SW1A 1AA").label());
        assertEquals("Sheffield", at("GB", "S1 2HE").label());
        assertEquals("Paris", at("FR", "75008").label());
        // The same prefix in another country is another place.
        assertEquals("Lyon", at("FR", "69001").label());
        assertEquals("Heidelberg", at("DE", "69117").label());
    }

    @Test
    void anUnknownPostalAreaFallsBackToTheCountryCentreThenToTheCountryAlone() {
        ShipToResolution germany = at("DE", "00000");
        assertEquals(ShipToResolution.COUNTRY_CENTROID, germany.source());
        assertTrue(germany.hasCoordinates());
        assertEquals(ShipToResolution.COUNTRY_CENTROID, at("NL", "1012 AB").source());
        assertEquals(ShipToResolution.COUNTRY_CENTROID, at("US", null).source());
        ShipToResolution unknown = at("XX", "123");
        assertEquals(ShipToResolution.COUNTRY, unknown.source());
        assertNull(unknown.latitude());
        assertEquals(ShipToResolution.NONE, TABLE.resolve(null).source());
        assertEquals(ShipToResolution.NONE, at(null, "10115").source());
    }

    @Test
    void givenCoordinatesAreUsedAsTheyAre() {
        ShipToResolution given = TABLE.resolve(new GeoPoint(52.0, 13.0, "DE", "80331"));
        assertEquals(ShipToResolution.COORDINATES, given.source());
        assertEquals(52.0, given.latitude());
    }

    @Test
    void aTableOfOnesOwnCanBeUsed() {
        Centroids own = Centroids.of(
                Map.of("DE", Map.of("1", new Centroids.Centroid(52.5, 13.4, "north-east"))),
                Map.of("DE", new Centroids.Centroid(51.0, 10.0, "centre")));
        assertEquals(
                "north-east",
                own.resolve(new GeoPoint(null, null, "DE", "19999")).label());
        assertEquals(
                "centre", own.resolve(new GeoPoint(null, null, "DE", "29999")).label());
    }
}
