package dev.shelfsync.routing.ranking;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Approximate coordinates for a ship-to address without coordinates: the centroid of its postal area (longest
 * matching prefix of the normalised postal code within its country), else the country's centroid. The built-in
 * tables ({@code geo/postal-centroids.csv}, {@code geo/country-centroids.csv}) hold the main city of a few hundred
 * postal areas in DE, US, GB and FR and the centres of about forty countries: good enough to rank warehouses, not
 * to compute shipping cost.
 */
public final class Centroids {

    /** A matched centroid. */
    public record Centroid(double latitude, double longitude, String label) {}

    private static final Centroids BUILT_IN =
            new Centroids(read("/geo/postal-centroids.csv", 5), read("/geo/country-centroids.csv", 4));

    /** Country code to postal prefix to centroid. */
    private final Map<String, Map<String, Centroid>> postal;

    private final Map<String, Centroid> countries;
    private final int longestPrefix;

    Centroids(Map<String, Map<String, Centroid>> postal, Map<String, Centroid> countries) {
        this.postal = postal;
        this.countries = countries;
        this.longestPrefix = postal.values().stream()
                .flatMap(m -> m.keySet().stream())
                .mapToInt(String::length)
                .max()
                .orElse(0);
    }

    public static Centroids builtIn() {
        return BUILT_IN;
    }

    /** A table of one's own: {@code postal} keyed by country then prefix. */
    public static Centroids of(Map<String, Map<String, Centroid>> postal, Map<String, Centroid> countries) {
        return new Centroids(postal, countries);
    }

    public int postalEntries() {
        return postal.values().stream().mapToInt(Map::size).sum();
    }

    /** Where a ship-to address is, as precisely as it is known. */
    public ShipToResolution resolve(GeoPoint shipTo) {
        if (shipTo == null) {
            return ShipToResolution.none();
        }
        if (shipTo.hasCoordinates()) {
            return new ShipToResolution(
                    ShipToResolution.COORDINATES,
                    shipTo.countryCode(),
                    null,
                    null,
                    shipTo.latitude(),
                    shipTo.longitude());
        }
        String country = shipTo.countryCode() == null
                ? null
                : shipTo.countryCode().trim().toUpperCase(Locale.ROOT);
        if (country == null || country.isEmpty()) {
            return ShipToResolution.none();
        }
        String code = normalise(shipTo.postalCode());
        Map<String, Centroid> areas = postal.getOrDefault(country, Map.of());
        for (int length = Math.min(longestPrefix, code.length()); length > 0; length--) {
            String prefix = code.substring(0, length);
            Centroid area = areas.get(prefix);
            if (area != null) {
                return new ShipToResolution(
                        ShipToResolution.POSTAL_CENTROID,
                        country,
                        prefix,
                        area.label(),
                        area.latitude(),
                        area.longitude());
            }
        }
        Centroid centre = countries.get(country);
        if (centre != null) {
            return new ShipToResolution(
                    ShipToResolution.COUNTRY_CENTROID,
                    country,
                    null,
                    centre.label(),
                    centre.latitude(),
                    centre.longitude());
        }
        return new ShipToResolution(ShipToResolution.COUNTRY, country, null, null, null, null);
    }

    private static String normalise(String postalCode) {
        if (postalCode == null) {
            return "";
        }
        StringBuilder code = new StringBuilder();
        for (char c : postalCode.toUpperCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                code.append(c);
            } else if (c == '-') {
                break; // ZIP+4: the part before the dash is the ZIP code
            }
        }
        return code.toString();
    }

    @SuppressWarnings("unchecked")
    private static <T> T read(String resource, int columns) {
        Map<String, Map<String, Centroid>> postal = new HashMap<>();
        Map<String, Centroid> countries = new HashMap<>();
        try (InputStream in = Centroids.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",", columns);
                if (columns == 5) {
                    postal.computeIfAbsent(f[0], c -> new HashMap<>())
                            .put(f[1], new Centroid(Double.parseDouble(f[2]), Double.parseDouble(f[3]), f[4]));
                } else {
                    countries.put(f[0], new Centroid(Double.parseDouble(f[1]), Double.parseDouble(f[2]), f[3]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (T) (columns == 5 ? postal : countries);
    }
}
