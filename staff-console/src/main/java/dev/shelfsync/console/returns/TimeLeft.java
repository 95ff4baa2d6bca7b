package dev.shelfsync.console.returns;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The inspection SLA in words: how long is left before an RMA's {@code inspectionDueAt}, or how long it is late. */
final class TimeLeft {

    private TimeLeft() {}

    /** Adds {@code timeLeft} and {@code overdue} to an RMA map that has an {@code inspectionDueAt}. */
    static Map<String, Object> annotate(Map<String, Object> rma, Instant now) {
        Object due = rma.get("inspectionDueAt");
        if (due != null) {
            Duration left = Duration.between(now, Instant.parse(due.toString()));
            rma.put("overdue", left.isNegative());
            rma.put("timeLeft", left.isNegative() ? "overdue by " + words(left.negated()) : words(left) + " left");
        }
        return rma;
    }

    static String words(Duration duration) {
        long minutes = duration.toMinutes();
        return minutes >= 60 ? (minutes / 60) + " h " + (minutes % 60) + " min" : minutes + " min";
    }
}
