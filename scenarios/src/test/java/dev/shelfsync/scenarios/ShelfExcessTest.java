package dev.shelfsync.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's "largest shelf above its fence / above sellable" figures. */
class ShelfExcessTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void aShelfAboveWhatIsLeftUnsoldAnywhereCounts() {
        List<SaleAnalysis.Sample> samples = List.of(
                new SaleAnalysis.Sample(T0, Map.of("shop", 10, "amazon", 10), 10),
                new SaleAnalysis.Sample(T0.plusSeconds(2), Map.of("shop", 9, "amazon", 4), 10));
        // six sales by second 1 leave 4: shop still shows 9, amazon 4
        List<Instant> sales = List.of(
                T0.plusMillis(100),
                T0.plusMillis(200),
                T0.plusMillis(300),
                T0.plusMillis(400),
                T0.plusMillis(500),
                T0.plusSeconds(1));
        assertEquals(Map.of("shop", 5, "amazon", 0), ShelfExcess.aboveSellable(samples, 10, sales));
    }

    @Test
    void aFencedShelfAboveWhatIsLeftOfItsFenceCounts() {
        List<SaleAnalysis.Sample> samples = List.of(
                new SaleAnalysis.Sample(T0, Map.of("shop", 5, "woo", 5), 10),
                new SaleAnalysis.Sample(T0.plusSeconds(1), Map.of("shop", 4, "woo", 5), 9));
        Map<String, List<Instant>> reserved =
                Map.of("shop", List.of(T0.plusMillis(500)), "woo", List.of(T0.plusMillis(600)));
        assertEquals(
                Map.of("shop", 0, "woo", 1), ShelfExcess.aboveFence(samples, Map.of("shop", 5, "woo", 5), reserved));
    }
}
