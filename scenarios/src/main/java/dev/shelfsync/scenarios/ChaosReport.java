package dev.shelfsync.scenarios;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The chaos run's figures as markdown: run/reports/chaos-<timestamp>/chaos.md, and RELIABILITY.md's table. Several
 * runs of a fault make one row with the range (min-max) of each figure. A run of some faults only ({@code --only})
 * replaces their rows and keeps the others' from earlier runs.
 */
final class ChaosReport {

    static final String START =
            "<!-- chaos:start (written by scripts/chaos.sh; edits between the markers are lost) -->";
    static final String END = "<!-- chaos:end -->";
    private static final String HEADER = "| fault | runs | fault lasted | recovered after (bound %d s) |"
            + " orders during step | webhooks retried | lost | duplicated | oversold | stores converged | readiness during the fault |"
            + " result |\n";
    private static final String FOOTER = "'Recovered after': from the end of the fault (broker or database started,"
            + " killed service started again, marketplace answering) until every invariant held and every service was"
            + " ready. 'Webhooks retried': first deliveries not answered 200, sent again by the simulated marketplace"
            + " until they were. 'Duplicated': orders in routing twice plus orders with more than one reserved unit in"
            + " inventory's ledger. 'Oversold': units stores sold beyond their ring-fences ('-': no fences in that"
            + " step). Several runs: the range over the runs (min-max).\n";

    private ChaosReport() {}

    static Path write(Path reportRoot, Chaos.Plan plan, List<Chaos.StepResult> steps, double seconds) {
        try {
            Path dir = reportRoot.resolve(
                    "chaos-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            Files.createDirectories(dir);
            Path file = dir.resolve("chaos.md");
            Files.writeString(file, "# Chaos run\n\n" + figures(plan, steps, seconds, ""));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the text between the markers of RELIABILITY.md (everything outside them is kept). */
    static void updateReliability(Path file, Chaos.Result result) {
        try {
            String existing = Files.exists(file) ? Files.readString(file) : "";
            int s = existing.indexOf(START);
            int e = existing.indexOf(END);
            String before =
                    s < 0 || e < s || result.plan().only().isEmpty() ? "" : existing.substring(s + START.length(), e);
            String figures = figures(result.plan(), result.steps(), result.seconds(), before);
            MarkedSection.replace(file, START, END, "# Reliability", figures);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param earlier the section of an earlier run whose rows and notes are kept for the faults not run now ("":
     *     none)
     */
    static String figures(Chaos.Plan plan, List<Chaos.StepResult> steps, double seconds, String earlier) {
        Map<String, List<Chaos.StepResult>> byFault = new LinkedHashMap<>();
        steps.forEach(step ->
                byFault.computeIfAbsent(step.name(), n -> new ArrayList<>()).add(step));
        Map<String, String> rows = new LinkedHashMap<>();
        Map<String, String> notes = new LinkedHashMap<>();
        List<String> headings = new ArrayList<>();
        for (String line : earlier.lines().toList()) {
            if (line.startsWith("| ") && !line.startsWith("| fault |")) {
                String name = cells(line).get(0);
                rows.put(name, currentFormat(line));
            } else if (line.startsWith("- **")) {
                notes.put(line.substring(4, line.indexOf("**", 4)), line);
            } else if (line.startsWith("Run of ") || line.startsWith("Rows of ")) {
                headings.add(line);
            }
        }
        String command = "scripts/chaos.sh" + (plan.tier() == Chaos.Tier.SHORT ? " --short" : "")
                + (plan.runs() > 1 ? " --runs=" + plan.runs() : "")
                + (plan.only().isEmpty() ? "" : " --only=" + String.join(",", new TreeSet<>(plan.only())));
        String heading = String.format(
                Locale.ROOT,
                "%s %s: `%s`, %s tier, %.0f s of faults on %d cores, Java %s.",
                earlier.isEmpty() ? "Run of" : "Rows of " + String.join(", ", byFault.keySet()) + " from the run of",
                LocalDateTime.now().withNano(0),
                command,
                plan.tier().name().toLowerCase(Locale.ROOT),
                seconds,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        headings.replaceAll(line -> withoutRewritten(line, rows.keySet(), byFault.keySet()));
        headings.removeIf(String::isEmpty);
        headings.add(heading);
        byFault.forEach((name, runs) -> {
            rows.put(name, row(name, runs));
            notes.put(name, note(name, runs));
        });
        StringBuilder md = new StringBuilder();
        headings.forEach(line -> md.append(line).append("\n"));
        md.append("\n")
                .append(String.format(
                        Locale.ROOT, HEADER, plan.tier().recoveryBound.toSeconds()))
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        rows.values().forEach(row -> md.append(row).append("\n"));
        md.append("\nPer fault:\n\n");
        notes.values().forEach(note -> md.append(note).append("\n"));
        md.append("\n").append(FOOTER);
        return md.toString();
    }

    /**
     * An earlier "Rows of ... from the run of" heading without the faults this run writes again ("" when none is
     * left). Fault names may hold commas, so the heading's names are matched against the known ones, not split.
     */
    static String withoutRewritten(String heading, Collection<String> known, Collection<String> rewritten) {
        String prefix = "Rows of ";
        int from = heading.indexOf(" from the run of ");
        if (!heading.startsWith(prefix) || from < 0) {
            return heading;
        }
        String names = heading.substring(prefix.length(), from);
        List<String> kept = known.stream()
                .filter(name -> (", " + names + ", ").contains(", " + name + ", "))
                .filter(name -> !rewritten.contains(name))
                .toList();
        return kept.isEmpty() ? "" : prefix + String.join(", ", kept) + heading.substring(from);
    }

    private static String row(String name, List<Chaos.StepResult> runs) {
        long recovered = runs.stream().filter(r -> r.recoverySeconds() != null).count();
        long passed = runs.stream().filter(Chaos.StepResult::passed).count();
        boolean fenced = runs.stream().anyMatch(r -> r.oversold() != null);
        return String.join(
                        " | ",
                        "| " + name,
                        Integer.toString(runs.size()),
                        range(runs, Chaos.StepResult::faultSeconds, "%.0f") + " s",
                        recovered < runs.size()
                                ? "not within the bound (" + (runs.size() - recovered) + " of " + runs.size() + ")"
                                : range(runs, Chaos.StepResult::recoverySeconds, "%.1f") + " s",
                        range(runs, r -> (double) r.salesDuringStep(), "%.0f"),
                        range(runs, r -> (double) r.refusedWebhooks(), "%.0f"),
                        range(runs, r -> (double) r.verdict().lost(), "%.0f"),
                        range(
                                runs,
                                r -> (double)
                                        (r.verdict().duplicated() + r.verdict().doubleReserved()),
                                "%.0f"),
                        fenced
                                ? range(
                                        runs,
                                        r -> r.oversold() == null
                                                ? null
                                                : r.oversold().doubleValue(),
                                        "%.0f")
                                : "-",
                        runs.stream().allMatch(ChaosReport::converged) ? "yes" : "no",
                        readiness(runs),
                        passed == runs.size()
                                ? "pass"
                                : "**FAIL** (" + (runs.size() - passed) + " of " + runs.size() + ")")
                + " |";
    }

    private static boolean converged(Chaos.StepResult r) {
        ChaosInvariants.Verdict v = r.verdict();
        return v.unreachable() == null && v.storesDiverged() == 0 && v.pushBacklog() == 0;
    }

    private static String note(String name, List<Chaos.StepResult> runs) {
        Chaos.StepResult first = runs.get(0);
        StringBuilder note = new StringBuilder("- **" + name + "** (" + first.fault() + "): " + first.proves() + ".");
        for (int i = 0; i < runs.size(); i++) {
            Chaos.StepResult r = runs.get(i);
            note.append(runs.size() > 1 ? " Run " + (i + 1) + ": " : " ");
            if (r.notes() != null) {
                note.append(r.notes()).append("; ");
            }
            note.append(runs.size() > 1 ? "final check: " : "Final check: ")
                    .append(r.verdict().summary());
            if (r.error() != null) {
                note.append("; problem: ").append(r.error());
            }
            note.append(".");
        }
        return note.toString();
    }

    private static String range(List<Chaos.StepResult> runs, Function<Chaos.StepResult, Double> figure, String format) {
        List<Double> values =
                runs.stream().map(figure).filter(Objects::nonNull).sorted().toList();
        if (values.isEmpty()) {
            return "-";
        }
        String min = String.format(Locale.ROOT, format, values.get(0));
        String max = String.format(Locale.ROOT, format, values.get(values.size() - 1));
        return min.equals(max) ? min : min + "-" + max;
    }

    private static String readiness(List<Chaos.StepResult> runs) {
        TreeSet<String> down = new TreeSet<>();
        runs.forEach(r -> down.addAll(r.notReadyDuringFault()));
        if (down.isEmpty()) {
            return runs.get(0).readinessExpectedDown() ? "stayed UP (expected DOWN)" : "stayed UP";
        }
        String again = range(runs, Chaos.StepResult::readyAgainSeconds, "%.1f");
        return "DOWN: " + String.join(", ", down) + (again.equals("-") ? "" : "; all UP " + again + " s after");
    }

    /** A row written before the table had its runs and oversold columns: one run, no fences. */
    private static String currentFormat(String row) {
        List<String> cells = cells(row);
        if (cells.size() != 10) {
            return row;
        }
        List<String> current = new ArrayList<>(cells);
        current.add(1, "1");
        current.add(8, "-");
        return current.stream().collect(Collectors.joining(" | ", "| ", " |"));
    }

    private static List<String> cells(String row) {
        String inner = row.trim();
        inner = inner.substring(1, inner.length() - 1);
        return List.of(inner.split(" \\| ", -1)).stream().map(String::trim).toList();
    }
}
