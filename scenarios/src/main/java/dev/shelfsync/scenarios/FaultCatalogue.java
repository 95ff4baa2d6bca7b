package dev.shelfsync.scenarios;

import static dev.shelfsync.scenarios.Chaos.sleep;

import dev.shelfsync.simulator.ChannelConfig;
import dev.shelfsync.simulator.MarketplaceSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The fault run's catalogue of server, process and marketplace faults, per tier and in order: broker restart and
 * outage, PostgreSQL crash, broker partition, {@code kill -9} of services, marketplace storm. The faults that need
 * the running order stream (webhook disorder, the fenced flash sale, poison messages) {@link Chaos} adds itself.
 */
final class FaultCatalogue {

    /** Every fault's id, in the full tier's order (what {@code --only} takes). */
    static final List<String> FAULT_IDS = List.of(
            "broker-restart",
            "broker-down",
            "postgres-crash",
            "partition-inventory",
            "kill-inventory",
            "kill-routing",
            "kill-returns",
            "kill-gateway",
            "kill-alerting",
            "storm",
            "webhooks",
            "broker-kill-flash-sale",
            "poison");

    private final LocalSystem system;
    private final ServerFaults servers;
    private final MarketplaceSimulator shop;
    private final boolean full;

    FaultCatalogue(LocalSystem system, ServerFaults servers, MarketplaceSimulator shop, Chaos.Tier tier) {
        this.system = system;
        this.servers = servers;
        this.shop = shop;
        this.full = tier == Chaos.Tier.FULL;
    }

    /** The tier's faults, in order; the storm uses the first three stores of {@code configs}. */
    List<Fault> faults(List<ChannelConfig> configs) {
        List<Fault> faults = new ArrayList<>();
        int restartSeconds = full ? 10 : 6;
        faults.add(new Fault(
                "broker-restart",
                "broker restart",
                "RabbitMQ stopped for " + restartSeconds + " s, then started",
                "relays, consumers and push loops reconnect by themselves after a broker restart; publishes that"
                        + " were never confirmed are sent again and deduplicated",
                true,
                () -> {
                    servers.stopBroker();
                    sleep(Duration.ofSeconds(restartSeconds));
                },
                servers::startBroker));
        if (full) {
            faults.add(brokerDown());
            faults.add(databaseCrash());
        }
        // two missed heartbeats (10 s each) declare a silent connection dead; the fault outlasts them
        faults.add(new BrokerPartition(system.brokerLink(), Duration.ofSeconds(full ? 45 : 28)).fault());
        List<String> victims = full ? List.copyOf(LocalSystem.SERVICES.keySet()) : List.of("inventory");
        for (String service : victims) {
            faults.add(kill(service));
        }
        if (full) {
            faults.add(storm(configs.get(0), configs.get(1), configs.get(2)));
        }
        return faults;
    }

    private Fault brokerDown() {
        return new Fault(
                "broker-down",
                "broker down 2 min",
                "RabbitMQ stopped for 120 s while webhooks keep coming",
                "webhooks are still accepted into the outboxes while the broker is away; the backlog drains"
                        + " once it is back, in order and without doubles",
                true,
                () -> {
                    servers.stopBroker();
                    sleep(Duration.ofSeconds(120));
                },
                servers::startBroker);
    }

    private Fault databaseCrash() {
        return new Fault(
                "postgres-crash",
                "PostgreSQL crash",
                "pg_ctlcluster stop -m immediate, 8 s down, started (crash recovery)",
                "no webhook is answered 200 without its row committed; connection pools come back after the"
                        + " database's crash recovery",
                true,
                () -> {
                    servers.crashDatabase();
                    sleep(Duration.ofSeconds(8));
                },
                servers::startDatabase);
    }

    private Fault kill(String service) {
        return new Fault(
                "kill-" + service,
                "kill -9 " + service,
                service + " killed with SIGKILL, started again after 3 s",
                "deliveries " + service + " held unacknowledged are redelivered and applied once; its outbox"
                        + " rows are published after the restart",
                false,
                () -> {
                    system.kill(service);
                    sleep(Duration.ofSeconds(3));
                },
                () -> system.restart(service));
    }

    private Fault storm(ChannelConfig throttled, ChannelConfig failing, ChannelConfig hanging) {
        Duration storm = Duration.ofSeconds(60);
        return new Fault(
                "storm",
                "marketplace storm",
                throttled.type() + " answers 429 with Retry-After, " + failing.type() + " 500, " + hanging.type()
                        + " hangs, for 60 s",
                "pushes back off and retry without blocking the other stores; once the stores answer again"
                        + " every listing converges to the current quantity",
                false,
                () -> {
                    shop.failFor(throttled.id(), 429, storm);
                    shop.failFor(failing.id(), 500, storm);
                    shop.hangFor(hanging.id(), storm);
                    sleep(storm);
                },
                () -> {});
    }
}
