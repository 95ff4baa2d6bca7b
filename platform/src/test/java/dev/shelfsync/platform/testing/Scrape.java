package dev.shelfsync.platform.testing;

import static io.restassured.RestAssured.given;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/** Reads a service's Prometheus exposition at {@code /q/metrics}, as a scraper would. */
public final class Scrape {

    private Scrape() {}

    /** The exposition of the application under test (RestAssured's default base URI and port). */
    public static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The exposition of the service at {@code baseUri}. */
    public static String metrics(String baseUri) {
        return given().baseUri(baseUri)
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    /**
     * The value of the one sample named {@code name} whose labels include every {@code label="value"} pair given;
     * NaN when there is none.
     *
     * @param labels pairs such as {@code reason="poison"}
     */
    public static double value(String exposition, String name, String... labels) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            // With tracing on, counters and histograms carry an OpenMetrics exemplar after the value: " # {...} v t".
            int exemplar = line.indexOf(" # {");
            String sample = exemplar < 0 ? line : line.substring(0, exemplar);
            int end = sample.lastIndexOf(' ');
            String series = sample.substring(0, end);
            if (Arrays.stream(labels).allMatch(series::contains)) {
                return Double.parseDouble(sample.substring(end + 1));
            }
        }
        return Double.NaN;
    }

    /** Every metric family name the exposition declares ({@code # TYPE} lines) and every sample's name. */
    public static Set<String> names(String exposition) {
        Set<String> names = new HashSet<>();
        for (String line : exposition.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                names.add(line.split(" ")[2]);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                int brace = line.indexOf('{');
                int space = line.indexOf(' ');
                names.add(line.substring(0, brace > 0 && brace < space ? brace : space));
            }
        }
        return names;
    }
}
