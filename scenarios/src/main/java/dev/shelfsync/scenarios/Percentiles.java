package dev.shelfsync.scenarios;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** Nearest-rank percentiles: the p-th percentile of n sorted values is the value at rank ceil(p / 100 * n). */
public final class Percentiles {

    private Percentiles() {}

    /** Count, p50, p95, p99 and max of a set of milliseconds; all zero when empty. */
    public record Summary(int count, double p50, double p95, double p99, double max) {
        static final Summary EMPTY = new Summary(0, 0, 0, 0, 0);

        public String format() {
            return count == 0
                    ? "n/a (no samples)"
                    : String.format(
                            "p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms (n=%d)", p50, p95, p99, max, count);
        }
    }

    public static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.min(sorted.size(), Math.max(1, rank)) - 1);
    }

    public static Summary summarize(Collection<Double> values) {
        if (values.isEmpty()) {
            return Summary.EMPTY;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return new Summary(
                sorted.size(),
                percentile(sorted, 50),
                percentile(sorted, 95),
                percentile(sorted, 99),
                sorted.get(sorted.size() - 1));
    }
}
