package dev.shelfsync.scenarios;

import java.util.function.Supplier;

/**
 * One fault of the fault run: what it does for how long ({@code inject}, returning when the fault should end), its
 * undoing, and what it found besides the common checks (asked once the step converged or gave up).
 */
record Fault(
        String id,
        String name,
        String description,
        String proves,
        boolean readinessDown,
        Runnable inject,
        Runnable end,
        Supplier<Findings> findings) {

    Fault(
            String id,
            String name,
            String description,
            String proves,
            boolean readinessDown,
            Runnable inject,
            Runnable end) {
        this(id, name, description, proves, readinessDown, inject, end, () -> Findings.NONE);
    }

    /**
     * What a fault found besides the common checks: units sold beyond a fence (null: no fences), a summary, and what
     * it saw go wrong that the common checks cannot see (null: nothing).
     */
    record Findings(Integer oversold, String notes, String failure) {
        static final Findings NONE = new Findings(null, null);

        Findings(Integer oversold, String notes) {
            this(oversold, notes, null);
        }
    }
}
