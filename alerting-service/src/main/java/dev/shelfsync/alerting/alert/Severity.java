package dev.shelfsync.alerting.alert;

/** How urgently someone must act; targets subscribe from a minimum severity up. */
public enum Severity {
    info,
    warning,
    critical;

    /** Parses a client-supplied value; null when it names no severity. */
    public static Severity parse(String value) {
        for (Severity severity : values()) {
            if (severity.name().equals(value)) {
                return severity;
            }
        }
        return null;
    }
}
