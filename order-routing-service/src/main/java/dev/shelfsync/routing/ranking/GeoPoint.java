package dev.shelfsync.routing.ranking;

/** Where an order goes, as the channel gave it: coordinates when known, postal code and country otherwise. */
public record GeoPoint(Double latitude, Double longitude, String countryCode, String postalCode) {

    private static final double EARTH_RADIUS_KM = 6371.0088;

    public GeoPoint(Double latitude, Double longitude, String countryCode) {
        this(latitude, longitude, countryCode, null);
    }

    public boolean hasCoordinates() {
        return latitude != null && longitude != null;
    }

    /** Great-circle distance (haversine) in kilometres. */
    public static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        double phi1 = Math.toRadians(lat1);
        double phi2 = Math.toRadians(lat2);
        double dPhi = Math.toRadians(lat2 - lat1);
        double dLambda = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
                + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
