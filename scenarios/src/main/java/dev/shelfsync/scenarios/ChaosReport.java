package dev.shelfsync.scenarios;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The chaos run's figures as markdown: run/reports/chaos-<timestamp>/chaos.md, and RELIABILITY.md's table. */
final class ChaosReport {

    static final String START =
            "<!-- chaos:start (written by scripts/chaos.sh; edits between the markers are lost) -->";
    static final String END = "<!-- chaos:end -->";

    private ChaosReport() {}

    static Path write(Path reportRoot, Chaos.Tier tier, List<Chaos.StepResult> steps, double seconds) {
        try {
            Path dir = reportRoot.resolve(
                    "chaos-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            Files.createDirectories(dir);
            Path file = dir.resolve("chaos.md");
            Files.writeString(file, "# Chaos run\n\n" + figures(tier, steps, seconds));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the text between the markers of RELIABILITY.md (everything outside them is kept). */
    static void updateReliability(Path file, Chaos.Result result) {
        try {
            String figures = figures(result.tier(), result.steps(), result.seconds());
            MarkedSection.replace(file, START, END, "# Reliability", figures);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String figures(Chaos.Tier tier, List<Chaos.StepResult> steps, double seconds) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(
                Locale.ROOT,
                "Run of %s: `scripts/chaos.sh%s`, %s tier, %.0f s of faults on %d cores, Java %s.%n%n",
                LocalDateTime.now().withNano(0),
                tier == Chaos.Tier.SHORT ? " --short" : "",
                tier.name().toLowerCase(Locale.ROOT),
                seconds,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version")));
        md.append("| fault | fault lasted | recovered after | orders during step | webhooks retried | lost |"
                + " duplicated | stores converged | readiness during the fault | result |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Chaos.StepResult r : steps) {
            ChaosInvariants.Verdict v = r.verdict();
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %.0f s | %s | %d | %d | %d | %d | %s | %s | %s |%n",
                    r.name(),
                    r.faultSeconds(),
                    r.recoverySeconds() == null
                            ? "not within the bound"
                            : String.format(Locale.ROOT, "%.1f s", r.recoverySeconds()),
                    r.salesDuringStep(),
                    r.refusedWebhooks(),
                    v.lost(),
                    v.duplicated() + v.doubleReserved(),
                    v.unreachable() == null && v.storesDiverged() == 0 && v.pushBacklog() == 0 ? "yes" : "no",
                    readiness(r),
                    r.passed() ? "pass" : "**FAIL**"));
        }
        md.append("\nPer fault:\n\n");
        for (Chaos.StepResult r : steps) {
            md.append("- **")
                    .append(r.name())
                    .append("** (")
                    .append(r.fault())
                    .append("): ")
                    .append(r.proves());
            md.append(". Final check: ").append(r.verdict().summary());
            if (r.error() != null) {
                md.append(". Problem: ").append(r.error());
            }
            md.append(".\n");
        }
        md.append("\n'Recovered after': from the end of the fault (broker or database started, killed service"
                + " started again, marketplace answering) until every invariant held and every service was ready."
                + " 'Webhooks retried': first deliveries not answered 200, sent again by the simulated marketplace"
                + " until they were. 'Duplicated': orders in routing twice plus orders with more than one reserved"
                + " unit in inventory's ledger.\n");
        return md.toString();
    }

    private static String readiness(Chaos.StepResult r) {
        if (r.notReadyDuringFault().isEmpty()) {
            return r.readinessExpectedDown() ? "stayed UP (expected DOWN)" : "stayed UP";
        }
        String down = "DOWN: " + String.join(", ", r.notReadyDuringFault());
        return r.readyAgainSeconds() == null
                ? down
                : String.format(Locale.ROOT, "%s; all UP %.1f s after", down, r.readyAgainSeconds());
    }
}
