package dev.shelfsync.alerting.messaging;

import dev.shelfsync.platform.messaging.PoisonMessage;

/** Checks fields an event cannot be applied without; a missing one makes the message poison. */
public final class Require {

    private Require() {}

    public static <T> T present(T value, String type, String field) {
        if (value == null || (value instanceof String text && text.isBlank())) {
            throw new PoisonMessage(type + " without " + field);
        }
        return value;
    }
}
