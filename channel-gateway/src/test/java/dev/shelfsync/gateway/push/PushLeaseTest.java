package dev.shelfsync.gateway.push;

import static dev.shelfsync.gateway.GatewayFixtures.availability;
import static dev.shelfsync.gateway.GatewayFixtures.channel;
import static dev.shelfsync.gateway.GatewayFixtures.listing;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shelfsync.gateway.TestSupport;
import dev.shelfsync.simulator.ChannelConfig;
import dev.shelfsync.simulator.MarketplaceSimulator;
import dev.shelfsync.simulator.Push;
import dev.shelfsync.simulator.SimulatorConfig;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With several replicas, one pusher per channel at a time; a dead holder's channel is taken over. */
@QuarkusTest
class PushLeaseTest {

    private static MarketplaceSimulator simulator;

    @Inject
    PushScheduler scheduler;

    @Inject
    OtherReplica otherReplica;

    @BeforeAll
    static void start() {
        simulator = MarketplaceSimulator.start(SimulatorConfig.of(
                ChannelConfig.of("ls-ghost", "woocommerce", "l1", "http://127.0.0.1:1", 5),
                ChannelConfig.of("ls-pair", "woocommerce", "l2", "http://127.0.0.1:1", 4)));
    }

    @AfterAll
    static void stop() {
        simulator.stop();
    }

    @Test
    void aChannelHeldByADeadReplicaIsPushedOnlyAfterItsLeaseExpires() throws Exception {
        try (var connection = DriverManager.getConnection(TestSupport.JDBC, "postgres", "");
                var statement = connection.prepareStatement(
                        "insert into channel_lease (channel_id, purpose, holder, expires_at)"
                                + " values ('ls-ghost', 'push', 'dead-replica', now() + interval '2500 milliseconds')"
                                + " on conflict (channel_id, purpose) do update set holder = excluded.holder,"
                                + " expires_at = excluded.expires_at")) {
            statement.executeUpdate();
        }
        channel("ls-ghost", "woocommerce", "l1", simulator.apiBaseUrl("ls-ghost"), 5, null);
        listing("ls-ghost", "901", "LS-GHOST", 1);
        availability("LS-GHOST", 3, 17);

        // While the dead replica's lease runs, nobody pushes the channel.
        await().during(Duration.ofMillis(1200))
                .atMost(Duration.ofSeconds(3))
                .until(() -> simulator.pushes("ls-ghost").isEmpty());
        await().atMost(Duration.ofSeconds(15))
                .until(() -> Objects.equals(simulator.listedQuantity("ls-ghost", "901"), 17));
        assertEquals(
                1,
                TestSupport.count(
                        "select count(*) from channel_lease where channel_id = 'ls-ghost' and purpose = 'push'"
                                + " and holder = ?",
                        scheduler.holder()));
    }

    @Test
    void twoReplicasPushingTheSameChannelStayWithinItsRateAndNeverGoBackwards() {
        PushScheduler second = otherReplica.scheduler("second-replica");
        try {
            channel("ls-pair", "woocommerce", "l2", simulator.apiBaseUrl("ls-pair"), 4, null);
            for (int i = 0; i < 8; i++) {
                listing("ls-pair", Integer.toString(910 + i), "LS-PAIR-" + i, 1);
            }
            second.startTimers();
            for (int version = 1; version <= 40; version++) {
                availability("LS-PAIR-" + (version % 8), version, 200 - version);
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (int i = 0; i < 8; i++) {
                    int last = 32 + (i == 0 ? 8 : i);
                    assertEquals(200 - last, simulator.listedQuantity("ls-pair", Integer.toString(910 + i)));
                }
            });
            assertEquals(0, simulator.rejectedRequests("ls-pair"), "a second pusher overran the rate limit");
            List<Instant> accepted = simulator.acceptedRequests("ls-pair");
            for (int i = 0; i + 4 < accepted.size(); i++) {
                assertTrue(
                        Duration.between(accepted.get(i), accepted.get(i + 4)).toMillis() >= 900,
                        "more than 4 accepted requests within a second");
            }
            for (int i = 0; i < 8; i++) {
                String listingId = Integer.toString(910 + i);
                List<Long> versions = simulator.pushes("ls-pair").stream()
                        .filter(push -> push.listingId().equals(listingId))
                        .map(Push::version)
                        .toList();
                for (int j = 1; j < versions.size(); j++) {
                    assertTrue(versions.get(j) >= versions.get(j - 1), "versions went backwards: " + versions);
                }
            }
        } finally {
            second.close();
        }
    }
}
