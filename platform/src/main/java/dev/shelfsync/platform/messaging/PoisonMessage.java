package dev.shelfsync.platform.messaging;

/** A message that can never be applied (unreadable, wrong shape); it is parked at once, not retried. */
public class PoisonMessage extends RuntimeException {

    public PoisonMessage(String reason) {
        super(reason, null, false, false);
    }
}
