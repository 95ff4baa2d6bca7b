package dev.shelfsync.scenarios;

import static dev.shelfsync.scenarios.Chaos.log;
import static dev.shelfsync.scenarios.Chaos.sleep;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * One step of the fault run: injects a fault under the order stream, undoes it, then waits (up to the tier's
 * recovery bound) until every invariant holds again, and measures the recovery and what readiness said meanwhile.
 */
final class FaultStep {

    private final Chaos.Tier tier;
    private final OrderStream orders;
    private final ChaosInvariants invariants;
    private final ReadinessWatch readiness;

    FaultStep(Chaos.Tier tier, OrderStream orders, ChaosInvariants invariants, ReadinessWatch readiness) {
        this.tier = tier;
        this.orders = orders;
        this.invariants = invariants;
        this.readiness = readiness;
    }

    Chaos.StepResult run(Fault fault) {
        int salesBefore = orders.soldCount();
        int refusalsBefore = orders.refusals();
        orders.resume();
        sleep(Duration.ofSeconds(tier == Chaos.Tier.SHORT ? 4 : 6));
        Instant faultStart = Instant.now();
        String error = null;
        try {
            fault.inject().run();
        } catch (RuntimeException e) {
            error = "injecting failed: " + ChaosInvariants.oneLine(e);
        }
        Instant faultEnd = Instant.now();
        try {
            fault.end().run();
        } catch (RuntimeException e) {
            error = "undoing the fault failed: " + ChaosInvariants.oneLine(e);
        }
        Instant undone = Instant.now();
        // buyers keep buying a little while after the fault, then the stream rests so the stores can settle
        sleep(Duration.ofSeconds(4));
        orders.pause();
        Duration bound = tier.recoveryBound;
        Instant deadline = undone.plus(bound);
        ChaosInvariants.Verdict verdict = invariants.check(orders.sold());
        Double recovery = null;
        Instant lastProgress = Instant.now();
        while (true) {
            boolean ready = readiness.allReady(LocalSystem.SERVICES.keySet());
            if (orders.delivered() && ready && verdict.holds()) {
                recovery = Duration.between(faultEnd, Instant.now()).toMillis() / 1000.0;
                break;
            }
            if (verdict.violated() || Instant.now().isAfter(deadline)) {
                break;
            }
            if (Duration.between(lastProgress, Instant.now()).toSeconds() >= 15) {
                log("  waiting: " + verdict.summary()
                        + (orders.delivered() ? "" : ", webhooks pending " + orders.undeliveredCount())
                        + (ready ? "" : ", not all ready"));
                lastProgress = Instant.now();
            }
            sleep(Duration.ofMillis(500));
            verdict = invariants.check(orders.sold());
        }
        if (recovery == null && error == null) {
            error = verdict.violated()
                    ? "invariant violated: " + verdict.summary()
                    : "did not converge within " + bound.toSeconds() + " s: " + verdict.summary()
                            + (verdict.storesDiverged() > 0 ? " " + invariants.diverged() : "");
        }
        Fault.Findings findings;
        try {
            findings = fault.findings().get();
        } catch (RuntimeException e) {
            findings = new Fault.Findings(null, "its own findings could not be read: " + ChaosInvariants.oneLine(e));
        }
        if (findings.oversold() != null && findings.oversold() > 0 && error == null) {
            error = findings.oversold() + " units sold beyond their stores' fences";
        }
        if (findings.failure() != null && error == null) {
            error = findings.failure();
        }
        Set<String> notReady = new TreeSet<>(readiness.notReadyBetween(faultStart, undone));
        Instant lastDown = readiness.lastNotReadyAfter(faultEnd);
        Double readyAgain = notReady.isEmpty()
                ? null
                : Math.max(0, Duration.between(faultEnd, lastDown).toMillis() / 1000.0);
        return new Chaos.StepResult(
                fault.name(),
                fault.description(),
                fault.proves(),
                Duration.between(faultStart, faultEnd).toMillis() / 1000.0,
                recovery,
                orders.soldCount() - salesBefore,
                orders.refusals() - refusalsBefore,
                verdict,
                notReady,
                fault.readinessDown(),
                readyAgain,
                error,
                findings.oversold(),
                findings.notes());
    }

    /** The step's outcome in one log line. */
    static String outcome(Chaos.StepResult r) {
        String readiness = r.notReadyDuringFault().isEmpty()
                ? "readiness stayed UP"
                : "not ready: " + String.join(", ", r.notReadyDuringFault());
        if (r.recoverySeconds() == null) {
            return "NOT RECOVERED: " + r.error() + "; " + readiness;
        }
        return String.format(
                Locale.ROOT,
                "recovered %.1f s after the fault; %d orders, %d webhooks retried; lost %d, duplicated %d%s, stores"
                        + " converged; %s%s%s",
                r.recoverySeconds(),
                r.salesDuringStep(),
                r.refusedWebhooks(),
                r.verdict().lost(),
                r.verdict().duplicated() + r.verdict().doubleReserved(),
                r.oversold() == null ? "" : ", oversold " + r.oversold(),
                readiness,
                r.notes() == null ? "" : "; " + r.notes(),
                r.passed() ? "" : " (FAILED: readiness never went DOWN)");
    }
}
