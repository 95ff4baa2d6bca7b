package dev.shelfsync.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChaosReportTest {

    private static final String EARLIER =
            """
            Run of 2026-12-06T21:42:10: `scripts/chaos.sh`, full tier, 399 s of faults on 2 cores, Java 17.0.15.

            | fault | fault lasted | recovered after | orders during step | webhooks retried | lost | duplicated | stores converged | readiness during the fault | result |
            |---|---|---|---|---|---|---|---|---|---|
            | broker restart | 11 s | 10.9 s | 117 | 0 | 0 | 0 | yes | DOWN: alerting, gateway; all UP 3.8 s after | pass |
            | webhooks | 30 s | 40.0 s | 150 | 0 | 0 | 0 | yes | stayed UP | pass |

            Per fault:

            - **broker restart** (RabbitMQ stopped for 10 s, then started): relays reconnect. Final check: sales so far 117.
            - **webhooks** (old): old.
            """;

    @Test
    void severalRunsOfOnlyOneFaultMakeOneRowOfRangesAndKeepTheOtherRows() {
        Chaos.Plan plan = new Chaos.Plan(Chaos.Tier.FULL, 2, Set.of("broker-kill-flash-sale", "webhooks"));
        List<Chaos.StepResult> steps = List.of(
                step("webhooks", 30, 12.5, null, "never sent 6 (taken in by reconciliation: 6)"),
                step("webhooks", 30, 20.1, null, "never sent 7 (taken in by reconciliation: 7)"),
                step("broker kill -9 in a fenced flash sale", 9, 30.0, 0, "killed 1.2 s into the sale"));

        String md = ChaosReport.figures(plan, steps, 120, EARLIER);

        List<String> rows = md.lines().filter(line -> line.startsWith("| ")).toList();
        assertEquals(4, rows.size(), md);
        assertEquals(
                "| broker restart | 1 | 11 s | 10.9 s | 117 | 0 | 0 | 0 | - | yes | DOWN: alerting, gateway; all UP"
                        + " 3.8 s after | pass |",
                rows.get(1));
        assertEquals(
                "| webhooks | 2 | 30 s | 12.5-20.1 s | 150 | 0 | 0 | 0 | - | yes | stayed UP | pass |", rows.get(2));
        assertEquals(
                "| broker kill -9 in a fenced flash sale | 1 | 9 s | 30.0 s | 150 | 0 | 0 | 0 | 0 | yes | stayed UP"
                        + " | pass |",
                rows.get(3));
        assertTrue(md.startsWith("Run of 2026-12-06T21:42:10"), md);
        assertTrue(md.contains("\nRows of webhooks, broker kill -9 in a fenced flash sale from the run of "), md);
        assertTrue(md.contains("- **broker restart** (RabbitMQ stopped for 10 s"), md);
        assertTrue(md.contains("Run 1: never sent 6 (taken in by reconciliation: 6); final check:"), md);
        assertTrue(!md.contains("- **webhooks** (old)"), md);
    }

    @Test
    void anEarlierHeadingLosesTheFaultsALaterRunWroteAgain() {
        List<String> known = List.of("duplicated, reordered and missing webhooks", "broker kill -9", "poison");
        String earlier = "Rows of duplicated, reordered and missing webhooks, broker kill -9 from the run of"
                + " 2026-12-07T06:58:22: `scripts/chaos.sh --runs=3`.";

        assertEquals(
                "Rows of duplicated, reordered and missing webhooks from the run of 2026-12-07T06:58:22:"
                        + " `scripts/chaos.sh --runs=3`.",
                ChaosReport.withoutRewritten(earlier, known, Set.of("broker kill -9", "poison")));
        assertEquals(
                "",
                ChaosReport.withoutRewritten(
                        earlier, known, Set.of("duplicated, reordered and missing webhooks", "broker kill -9")));
        assertEquals(earlier, ChaosReport.withoutRewritten(earlier, known, Set.of("poison")));
        assertEquals(
                "Run of 2026-12-06T21:42:10: `scripts/chaos.sh`.",
                ChaosReport.withoutRewritten(
                        "Run of 2026-12-06T21:42:10: `scripts/chaos.sh`.", known, Set.of("poison")));
    }

    private static Chaos.StepResult step(String name, double lasted, double recovered, Integer oversold, String notes) {
        ChaosInvariants.Verdict verdict = new ChaosInvariants.Verdict(150, 0, 0, 0, 0, 0, 0, 0, 0, 0, null);
        return new Chaos.StepResult(
                name,
                "the fault",
                "what it proves",
                lasted,
                recovered,
                150,
                0,
                verdict,
                Set.of(),
                false,
                null,
                null,
                oversold,
                notes);
    }
}
