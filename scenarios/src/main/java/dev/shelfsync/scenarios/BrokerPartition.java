package dev.shelfsync.scenarios;

import java.time.Duration;
import java.util.Locale;

/**
 * The fault run's partition: every broker connection of {@link LocalSystem#PARTITIONABLE} goes silent for a while
 * without closing (a {@link BrokerLink} stops carrying bytes). Nothing tells the service: only its heartbeats can, so
 * the fault lasts longer than two of them. Then the service must have given up the silent connection and opened a new
 * one, with what it held unacknowledged redelivered and applied once (the common checks).
 */
final class BrokerPartition {

    private final BrokerLink link;
    private final Duration length;
    private int frozen;
    private int openedBefore;
    private int openedDuring;

    BrokerPartition(BrokerLink link, Duration length) {
        this.link = link;
        this.length = length;
    }

    Fault fault() {
        String service = LocalSystem.PARTITIONABLE;
        return new Fault(
                "partition-" + service,
                "half-open broker connection",
                String.format(
                        Locale.ROOT,
                        "%s's broker connections frozen for %d s by a TCP proxy: no FIN, no bytes either way",
                        service,
                        length.toSeconds()),
                "a consumer and relay whose connection goes silent notice it by the missed heartbeats, connect"
                        + " again and carry on; what the silent connection held is redelivered and applied once",
                false,
                this::inject,
                link::thaw,
                this::findings);
    }

    private void inject() {
        openedBefore = link.connectionsOpened();
        frozen = link.freeze();
        Chaos.sleep(length);
        openedDuring = link.connectionsOpened() - openedBefore;
    }

    private Fault.Findings findings() {
        String notes = String.format(
                Locale.ROOT, "%d connections frozen, %d new ones opened during the fault", frozen, openedDuring);
        if (frozen == 0) {
            return new Fault.Findings(null, notes, "no broker connection went through the link to freeze");
        }
        if (openedDuring == 0) {
            return new Fault.Findings(
                    null, notes, LocalSystem.PARTITIONABLE + " did not notice its silent broker connection");
        }
        return new Fault.Findings(null, notes);
    }
}
