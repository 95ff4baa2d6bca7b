package dev.shelfsync.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shelfsync.simulator.Push;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SaleAnalysisTest {

    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    @Test
    void nearestRankPercentiles() {
        List<Double> values =
                IntStream.rangeClosed(1, 100).mapToObj(i -> (double) i).toList();
        Percentiles.Summary summary = Percentiles.summarize(values);
        assertEquals(50, summary.p50());
        assertEquals(95, summary.p95());
        assertEquals(99, summary.p99());
        assertEquals(100, summary.max());
        assertEquals(100, summary.count());
        assertEquals(7, Percentiles.summarize(List.of(7.0)).p99());
        assertEquals(0, Percentiles.summarize(List.of()).count());
        // 3 values: p50 is rank ceil(1.5) = 2
        assertEquals(20, Percentiles.summarize(List.of(30.0, 10.0, 20.0)).p50());
    }

    @Test
    void versionsFollowLedgerOrderPerSku() {
        Map<String, Map<String, Long>> versions = SaleAnalysis.assignVersions(
                Map.of("A", 10L, "B", 3L),
                List.of(
                        new SaleAnalysis.LedgerRow(7, "A", "o2"),
                        new SaleAnalysis.LedgerRow(5, "A", "o1"),
                        new SaleAnalysis.LedgerRow(6, "B", "o1"),
                        new SaleAnalysis.LedgerRow(9, "A", "o3")));
        assertEquals(11L, versions.get("o1").get("A"));
        assertEquals(4L, versions.get("o1").get("B"));
        assertEquals(12L, versions.get("o2").get("A"));
        assertEquals(13L, versions.get("o3").get("A"));
    }

    @Test
    void oversoldStrandedAndLatency() {
        Map<String, String> listings = new LinkedHashMap<>();
        listings.put("shop", "1");
        listings.put("amz", "A");
        List<SaleAnalysis.Attempt> attempts = List.of(
                new SaleAnalysis.Attempt("shop", at(0), true, 200, "s1"),
                new SaleAnalysis.Attempt("amz", at(10), true, 200, "a1"),
                new SaleAnalysis.Attempt("amz", at(20), true, 200, "a2"),
                new SaleAnalysis.Attempt("amz", at(30), false, 0, null),
                new SaleAnalysis.Attempt("shop", at(40), true, 500, "s2"));
        Map<String, SaleAnalysis.Outcome> outcomes = Map.of(
                "shop/s1", new SaleAnalysis.Outcome("routed", 5L),
                "amz/a1", new SaleAnalysis.Outcome("routed", 6L),
                "amz/a2", new SaleAnalysis.Outcome("backordered", null));
        Map<String, List<Push>> pushes = Map.of(
                // a push with an older version does not count; the first at or above v(S) does
                "amz", List.of(new Push(at(50), "A", 9, 4L), new Push(at(120), "A", 8, 6L)),
                "shop", List.of(new Push(at(60), "1", 7, 6L)));
        List<SaleAnalysis.Sample> samples = List.of(
                new SaleAnalysis.Sample(at(0), Map.of("shop", 2, "amz", 2), 3),
                new SaleAnalysis.Sample(at(1000), Map.of("shop", 0, "amz", 1), 2),
                new SaleAnalysis.Sample(at(3000), Map.of("shop", 0, "amz", 0), 1),
                new SaleAnalysis.Sample(at(4000), Map.of("shop", 0, "amz", 0), 1));

        SaleAnalysis.Result result = SaleAnalysis.analyse(
                "live", "model", 3, listings, attempts, outcomes, pushes, samples, 1, at(0), at(2000));

        assertEquals(2, result.unitsReserved());
        assertEquals(1, result.oversoldUnits());
        assertEquals(1, result.errors());
        assertEquals(1, result.strandedUnits());
        // shop's sale reached amz at 120 ms; amz's sale reached shop at 50 ms
        assertEquals(2, result.syncLatency().count());
        assertEquals(120, result.syncLatency().max());
        assertEquals(50, result.syncLatency().p50());
        assertEquals(2.5, result.attemptsPerSecond(), 1e-9);
        SaleAnalysis.ChannelStats shop = result.channels().get(0);
        assertEquals("shop", shop.channelId());
        assertEquals(2, shop.attempted());
        assertEquals(1, shop.gatewayErrors());
        // shop showed 0 from 1 s to 4 s while stock was left
        assertEquals(3.0, shop.secondsAtZeroWithStock(), 1e-9);
        assertEquals(1.0, result.channels().get(1).secondsAtZeroWithStock(), 1e-9);
    }

    @Test
    void aSaleWithoutAnyLaterPushHasNoLatency() {
        Map<String, Double> latency = SaleAnalysis.latencies(
                new SaleAnalysis.Attempt("a", at(100), true, 200, "x"),
                5L,
                Map.of("a", "1", "b", "2"),
                Map.of("b", List.of(new Push(at(50), "2", 1, 5L))));
        assertNull(latency.get("b"));
        assertEquals(1, latency.size());
    }

    @Test
    void svgHasOneLinePerSeriesAndEscapesText() {
        String svg = SvgPlot.render(
                "A <title>",
                "sub & more",
                List.of(
                        new SvgPlot.Series("shop", List.of(new double[] {0, 5}, new double[] {1, 3}), false),
                        new SvgPlot.Series("sellable", List.of(new double[] {0, 5}, new double[] {1, 4}), true)));
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assertTrue(svg.trim().endsWith("</svg>"));
        assertEquals(2, svg.split("<path ").length - 1);
        assertTrue(svg.contains("A &lt;title&gt;"));
        assertTrue(svg.contains("sub &amp; more"));
    }
}
