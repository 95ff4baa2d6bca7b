package dev.shelfsync.console.channels;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A channel's health from the gateway ({@code GET /channels/{id}/health}) in the words the Channels screen shows:
 * the state word first, then one short line per figure, so a person sees at a glance whether the stores are in step.
 */
final class HealthWords {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    private HealthWords() {}

    /** Keys state, stateWords, lastPush, lag, backlog, failures, rateLimit, reconciliation; read by the template. */
    static Map<String, String> of(Map<String, Object> health) {
        Map<String, String> words = new LinkedHashMap<>();
        String state = text(health.get("state"), "ok");
        words.put("state", state);
        words.put(
                "stateWords",
                switch (state) {
                    case "failing" -> "Failing: pushes to the store fail or were refused";
                    case "behind" -> "Behind: listings wait for their push longer than they should";
                    default -> "In step";
                });
        words.put("lastPush", lastPush(health));
        words.put("lag", lag(map(health.get("lag"))));
        words.put("backlog", backlog(map(health.get("backlog"))));
        words.put("failures", failures(health));
        words.put("rateLimit", rateLimit(map(health.get("rateLimit"))));
        words.put("reconciliation", reconciliation(map(health.get("reconciliation"))));
        return words;
    }

    private static String lastPush(Map<String, Object> health) {
        Object at = health.get("lastPushAt");
        if (at == null) {
            return "never acknowledged";
        }
        return ago(health.get("lastPushAgeSeconds")) + " (" + when(at) + ")";
    }

    private static String lag(Map<String, Object> lag) {
        Object window = lag.get("windowSeconds");
        if (lag.get("p99Millis") == null) {
            return "no sale measured in the last " + window + " s";
        }
        return "p99 " + lag.get("p99Millis") + " ms over " + lag.get("samples") + " sales in the last " + window + " s";
    }

    private static String backlog(Map<String, Object> backlog) {
        long listings = number(backlog.get("listings"));
        if (listings == 0) {
            return "0 listings waiting";
        }
        Object age = backlog.get("oldestAgeSeconds");
        return listings + (listings == 1 ? " listing" : " listings") + " waiting"
                + (age == null ? "" : ", the oldest for " + duration(age));
    }

    private static String failures(Map<String, Object> health) {
        Map<String, Object> failures = map(health.get("failures"));
        StringBuilder words = new StringBuilder();
        if (failures.get("failingSince") != null) {
            words.append("pushes failing since ")
                    .append(when(failures.get("failingSince")))
                    .append(" (")
                    .append(text(failures.get("lastError"), "no reason given"))
                    .append(")");
        }
        long inError = number(failures.get("listingsInError"));
        if (inError > 0) {
            Map<String, Object> last = map(health.get("lastPushError"));
            words.append(words.isEmpty() ? "" : "; ")
                    .append(inError)
                    .append(inError == 1 ? " listing" : " listings")
                    .append(" refused by the store");
            if (last.get("listingId") != null) {
                words.append(", e.g. ")
                        .append(last.get("listingId"))
                        .append(": ")
                        .append(last.get("error"));
            }
        }
        return words.isEmpty() ? "none" : words.toString();
    }

    private static String rateLimit(Map<String, Object> rate) {
        return rate.get("usedPerSecond") + " of " + rate.get("perSecond") + " requests/s used (last "
                + rate.get("windowSeconds") + " s)";
    }

    private static String reconciliation(Map<String, Object> sweeps) {
        if (sweeps.isEmpty()) {
            return "never swept";
        }
        String last = "last sweep " + text(sweeps.get("outcome"), "?") + " at " + when(sweeps.get("lastRunAt"));
        if (sweeps.get("lastDriftAt") == null) {
            return last + "; no drift found";
        }
        return last + "; drift found in " + sweeps.get("driftFound") + ", repaired " + sweeps.get("driftRepaired")
                + " (sweep of " + when(sweeps.get("lastDriftAt")) + "; " + sweeps.get("driftFoundTotal") + " in all)";
    }

    /** A time from the gateway to the second, in UTC: "2026-12-07 12:43:35 UTC". */
    static String when(Object iso) {
        try {
            return OffsetDateTime.parse(iso.toString())
                    .atZoneSameInstant(ZoneOffset.UTC)
                    .format(WHEN);
        } catch (RuntimeException unreadable) {
            return String.valueOf(iso);
        }
    }

    /** "just now", "42 s ago", "5 min ago", "3 h ago", "2 d ago". */
    static String ago(Object seconds) {
        return number(seconds) < 2 ? "just now" : duration(seconds) + " ago";
    }

    /** "1 s", "42 s", "5 min", "3 h", "2 d". */
    static String duration(Object seconds) {
        long s = number(seconds);
        if (s < 120) {
            return s + " s";
        }
        if (s < 2 * 3600) {
            return s / 60 + " min";
        }
        if (s < 2 * 86400) {
            return s / 3600 + " h";
        }
        return s / 86400 + " d";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static long number(Object value) {
        return value instanceof Number number ? number.longValue() : 0;
    }

    private static String text(Object value, String fallback) {
        return value == null ? fallback : value.toString();
    }
}
