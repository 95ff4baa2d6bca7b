package dev.shelfsync.platform.outbox;

import java.time.Duration;

/** The broker did not confirm a batch in time; the batch is rolled back and published again. */
class ConfirmTimeout extends RuntimeException {

    ConfirmTimeout(int messages, Duration timeout) {
        super("broker confirmed none or only some of " + messages + " messages within " + timeout, null, false, false);
    }
}
