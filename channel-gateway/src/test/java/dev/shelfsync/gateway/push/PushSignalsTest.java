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
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replicas learn of saved channels and of wakes for channels they hold by NOTIFY, not by polling: with the safety
 * sweep pushed out to an hour, only the notifications can make these pushes happen.
 */
@QuarkusTest
@TestProfile(PushSignalsTest.NoSweep.class)
class PushSignalsTest {

    /** The push safety sweep never runs during the test (except once at start-up). */
    public static class NoSweep implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shelfsync.gateway.push-sweep-interval", "1h");
        }
    }

    private static MarketplaceSimulator simulator;

    @Inject
    PushScheduler scheduler;

    @Inject
    OtherReplica otherReplica;

    @BeforeAll
    static void start() {
        simulator = MarketplaceSimulator.start(SimulatorConfig.of(
                ChannelConfig.of("sig-elsewhere", "woocommerce", "s1", "http://127.0.0.1:1", 5),
                ChannelConfig.of("sig-held", "woocommerce", "s2", "http://127.0.0.1:1", 5)));
    }

    @AfterAll
    static void stop() {
        simulator.stop();
    }

    @Test
    void aChannelSavedByAnotherReplicaIsPushedHere() {
        // Written straight into the table, as another replica's API would: nothing in this process hears of it but
        // the table's NOTIFY.
        TestSupport.update(
                "insert into channel (id, type, name, api_base_url, rate_limit_per_second, active, credentials,"
                        + " settings) values ('sig-elsewhere', 'woocommerce', 'sig-elsewhere', ?, 5, true,"
                        + " '{\"webhookSecret\":\"s1\",\"apiToken\":\"t\"}'::jsonb, '{}'::jsonb)"
                        + " on conflict (id) do update set api_base_url = excluded.api_base_url",
                simulator.apiBaseUrl("sig-elsewhere"));
        listing("sig-elsewhere", "801", "SIG-ELSEWHERE", 1);
        availability("SIG-ELSEWHERE", 4, 23);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> Objects.equals(simulator.listedQuantity("sig-elsewhere", "801"), 23));
        assertEquals(
                1,
                TestSupport.count(
                        "select count(*) from channel_lease where channel_id = 'sig-elsewhere' and purpose = 'push'"
                                + " and holder = ?",
                        scheduler.holder()));
    }

    @Test
    void aChangeAppliedHereIsPushedByTheReplicaHoldingTheChannel() {
        // The other replica holds the channel's push lease; this process applies the availability change.
        TestSupport.update("insert into channel_lease (channel_id, purpose, holder, expires_at)"
                + " values ('sig-held', 'push', 'holding-replica', now() + interval '1 hour')"
                + " on conflict (channel_id, purpose) do update set holder = excluded.holder,"
                + " expires_at = excluded.expires_at");
        channel("sig-held", "woocommerce", "s2", simulator.apiBaseUrl("sig-held"), 5, null);
        listing("sig-held", "802", "SIG-HELD", 1);
        PushScheduler holding = otherReplica.scheduler("holding-replica");
        try {
            holding.startTimers();
            // Its start-up sweep is over once it renewed the lease for the test's short TTL (nothing was pending);
            // from then on only a wake makes it look at the channel again.
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> TestSupport.count("select count(*) from channel_lease where channel_id = 'sig-held'"
                                    + " and holder = 'holding-replica' and expires_at < now() + interval '1 minute'")
                            == 1);
            assertTrue(simulator.pushes("sig-held").isEmpty());

            availability("SIG-HELD", 9, 41);

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> Objects.equals(simulator.listedQuantity("sig-held", "802"), 41));
            assertTrue(simulator.pushes("sig-held").stream()
                    .map(Push::version)
                    .anyMatch(version -> version != null && version == 9));
            assertEquals(
                    1,
                    TestSupport.count(
                            "select count(*) from channel_lease where channel_id = 'sig-held' and purpose = 'push'"
                                    + " and holder = 'holding-replica'"));
        } finally {
            holding.close();
        }
    }
}
