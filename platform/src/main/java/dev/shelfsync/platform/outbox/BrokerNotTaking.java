package dev.shelfsync.platform.outbox;

/** The connector had no room for a message and none of its sends is out: it is not connected to the broker. */
class BrokerNotTaking extends RuntimeException {

    BrokerNotTaking() {
        super("the broker connection takes no messages (not connected)", null, false, false);
    }
}
