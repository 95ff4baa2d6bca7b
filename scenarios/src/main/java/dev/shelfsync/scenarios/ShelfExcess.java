package dev.shelfsync.scenarios;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far each store's shelf ran ahead of what it could really sell, over the samples of a sale: above the true
 * sellable stock (every unit past it is a unit that can be oversold), and, for a ring-fenced channel, above what
 * was left of its own fence (zero by construction, so anything above it is a regression). Free of I/O.
 */
final class ShelfExcess {

    private ShelfExcess() {}

    /**
     * Per channel, the largest {@code listed - left} in any sample (0 when never above), where {@code left} is the
     * stock less every store's sales up to the sample: the true sellable, which inventory's own number only reaches
     * once the sales' webhooks are reserved.
     *
     * @param sales the moments of every sale any store made
     */
    static Map<String, Integer> aboveSellable(
            List<SaleAnalysis.Sample> samples, int stock, List<java.time.Instant> sales) {
        Map<String, Integer> largest = new LinkedHashMap<>();
        for (SaleAnalysis.Sample sample : samples) {
            long sold = sales.stream().filter(at -> !at.isAfter(sample.at())).count();
            int left = (int) Math.max(0, stock - sold);
            sample.listed()
                    .forEach((channel, listed) ->
                            largest.merge(channel, Math.max(0, (listed == null ? 0 : listed) - left), Math::max));
        }
        return largest;
    }

    /**
     * Per fenced channel, the largest {@code listed - (fence - own sales reserved so far)} in any sample (0 when
     * never above): a store lowers its shelf for its own sales, so a shelf within its fence stays at or below what
     * is left of it.
     *
     * @param fences each channel's fence at the start
     * @param reservedSales the moments of each channel's own sales that Shelfsync reserved
     */
    static Map<String, Integer> aboveFence(
            List<SaleAnalysis.Sample> samples,
            Map<String, Integer> fences,
            Map<String, List<java.time.Instant>> reservedSales) {
        Map<String, Integer> largest = new LinkedHashMap<>();
        fences.forEach((channel, fence) -> {
            List<java.time.Instant> sales = reservedSales.getOrDefault(channel, List.of());
            int worst = 0;
            for (SaleAnalysis.Sample sample : samples) {
                Integer listed = sample.listed().get(channel);
                long soldBy =
                        sales.stream().filter(at -> !at.isAfter(sample.at())).count();
                worst = Math.max(worst, (listed == null ? 0 : listed) - (int) (fence - soldBy));
            }
            largest.put(channel, worst);
        });
        return largest;
    }
}
