package dev.shelfsync.alerting.notify;

import dev.shelfsync.alerting.alert.AlertView;
import java.util.UUID;

/** A claimed notification: the alert to tell about and the target to tell it to. */
record Delivery(
        UUID notificationId,
        int attempt,
        AlertView alert,
        String kind,
        String url,
        String secret,
        String format,
        String email,
        boolean enabled) {}
