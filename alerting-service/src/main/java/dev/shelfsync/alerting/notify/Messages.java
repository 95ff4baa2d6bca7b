package dev.shelfsync.alerting.notify;

import dev.shelfsync.alerting.alert.AlertView;
import java.util.Locale;

/** Human-readable text of an alert, shared by the Slack body and e-mail. */
final class Messages {

    private Messages() {}

    static String headline(AlertView alert) {
        return "[" + alert.severity().toUpperCase(Locale.ROOT) + "] " + alert.type() + " " + alert.subject();
    }

    static String text(AlertView alert) {
        return alert.summary() + "\n\nType: " + alert.type() + "\nSeverity: " + alert.severity() + "\nSubject: "
                + alert.subject() + "\nFirst seen: " + alert.firstSeen() + "\nAlert id: " + alert.id()
                + "\nDetails: " + alert.details() + "\n";
    }
}
