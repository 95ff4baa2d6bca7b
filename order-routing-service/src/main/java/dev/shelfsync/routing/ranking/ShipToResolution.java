package dev.shelfsync.routing.ranking;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Which position of the ship-to address the ranking used, and where it came from.
 *
 * @param source {@code coordinates} (given by the channel), {@code postal-centroid}, {@code country-centroid},
 *     {@code country} (only the country is known: same-country locations first) or {@code none}
 * @param postalPrefix the postal-code prefix whose centroid was used
 * @param label the place the centroid stands for
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShipToResolution(
        String source, String countryCode, String postalPrefix, String label, Double latitude, Double longitude) {

    public static final String COORDINATES = "coordinates";
    public static final String POSTAL_CENTROID = "postal-centroid";
    public static final String COUNTRY_CENTROID = "country-centroid";
    public static final String COUNTRY = "country";
    public static final String NONE = "none";

    static ShipToResolution none() {
        return new ShipToResolution(NONE, null, null, null, null, null);
    }

    public boolean hasCoordinates() {
        return latitude != null && longitude != null;
    }

    /** Only the country is really known: a location in it beats a nearer one abroad. */
    public boolean countryFirst() {
        return COUNTRY_CENTROID.equals(source) || COUNTRY.equals(source);
    }
}
