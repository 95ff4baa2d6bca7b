package dev.shelfsync.alerting.incident;

import static dev.shelfsync.alerting.support.AlertingApi.alerts;
import static dev.shelfsync.alerting.support.AlertingApi.openAlerts;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shelfsync.alerting.support.Bus;
import dev.shelfsync.contracts.Envelope;
import dev.shelfsync.contracts.Exchanges;
import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.channels.ChannelDriftDetected;
import dev.shelfsync.contracts.channels.ChannelSyncFailed;
import dev.shelfsync.contracts.channels.UnknownListingReceived;
import dev.shelfsync.contracts.orders.OrderUnfulfillable;
import dev.shelfsync.contracts.returns.InspectionOverdue;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every incident event raises its alert once; redeliveries change nothing; poison is parked and alerted. */
@QuarkusTest
class IncidentAlertsTest {

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void everyIncidentEventTypeRaisesItsAlert() {
        publish(
                Exchanges.ORDERS,
                RoutingKeys.ORDER_UNFULFILLABLE,
                new OrderUnfulfillable("ord-" + run, "amazon", "A-1", List.of("MUG-01"), "backordered"));
        publish(
                Exchanges.CHANNELS,
                RoutingKeys.SYNC_FAILED,
                new ChannelSyncFailed("shop-" + run, "HTTP 503 from marketplace", Instant.now(), 12));
        publish(
                Exchanges.CHANNELS,
                RoutingKeys.DRIFT_DETECTED,
                new ChannelDriftDetected("etsy-" + run, "L-1", "MUG-01", 4, 9));
        publish(
                Exchanges.CHANNELS,
                RoutingKeys.UNKNOWN_LISTING_RECEIVED,
                new UnknownListingReceived("woo-" + run, "L-9", "W-77"));
        publish(
                Exchanges.RETURNS,
                RoutingKeys.INSPECTION_OVERDUE,
                new InspectionOverdue("rma-" + run, "berlin", Instant.now().minusSeconds(90_000), Instant.now()));

        Map<String, String> expected = Map.of(
                "oversell", "order:ord-" + run,
                "channel-sync-failed", "channel:shop-" + run,
                "channel-drift", "listing:etsy-" + run + "/L-1",
                "unknown-listing", "listing:woo-" + run + "/L-9",
                "inspection-overdue", "return:rma-" + run);
        expected.forEach((type, subject) -> await().atMost(Duration.ofSeconds(20))
                .until(() -> openAlerts(type, subject).size() == 1));
        assertEquals(
                "critical", openAlerts("oversell", "order:ord-" + run).get(0).get("severity"));
        assertEquals(
                "A-1",
                ((Map<?, ?>) openAlerts("oversell", "order:ord-" + run).get(0).get("details")).get("externalOrderId"));
    }

    @Test
    void aRedeliveredEventChangesNothingAndARepeatedIncidentCountsOnTheOpenAlert() {
        String subject = "channel:dup-" + run;
        Envelope<Object> first = Bus.envelope(
                RoutingKeys.SYNC_FAILED,
                Instant.now(),
                new ChannelSyncFailed("dup-" + run, "timeout", Instant.now(), 3));
        Bus.publish(Exchanges.CHANNELS, first);
        Bus.publish(Exchanges.CHANNELS, first);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> openAlerts("channel-sync-failed", subject).size() == 1);

        // a new report of the same condition: same alert, one more occurrence
        publish(
                Exchanges.CHANNELS,
                RoutingKeys.SYNC_FAILED,
                new ChannelSyncFailed("dup-" + run, "timeout", Instant.now(), 5));
        Bus.publish(Exchanges.CHANNELS, first);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ((Number) openAlerts("channel-sync-failed", subject)
                                        .get(0)
                                        .get("occurrences"))
                                .intValue()
                        == 2);
        // the marker below is processed after the redelivery above (one queue, in order)
        String marker = "channel:marker-" + run;
        publish(
                Exchanges.CHANNELS,
                RoutingKeys.SYNC_FAILED,
                new ChannelSyncFailed("marker-" + run, "timeout", Instant.now(), 1));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> openAlerts("channel-sync-failed", marker).size() == 1);

        List<Map<String, Object>> all = alerts("channel-sync-failed", subject);
        assertEquals(1, all.size());
        assertEquals(2, all.get(0).get("occurrences"));
        assertEquals(5, ((Map<?, ?>) all.get(0).get("details")).get("pendingListings"));
    }

    @Test
    void aPoisonMessageIsParkedAndTheParkingQueueRaisesADeadLetteredAlert() {
        String parking = "alerting.inventory.parking";
        Bus.purge(parking);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> openAlerts("dead-lettered", "queue:" + parking).isEmpty());

        Bus.publishRaw(Exchanges.INVENTORY, RoutingKeys.STOCK_CHANGED, "this is not json");
        await().atMost(Duration.ofSeconds(20)).until(() -> Bus.messageCount(parking) == 1);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> openAlerts("dead-lettered", "queue:" + parking).size() == 1);
        assertEquals(
                1,
                ((Map<?, ?>) openAlerts("dead-lettered", "queue:" + parking)
                                .get(0)
                                .get("details"))
                        .get("messages"));

        // an envelope without the fields the event needs is poison too
        Bus.publish(
                Exchanges.INVENTORY,
                Bus.envelope(RoutingKeys.STOCK_CHANGED, Instant.now(), Map.of("locationId", "berlin")));
        await().atMost(Duration.ofSeconds(20)).until(() -> Bus.messageCount(parking) == 2);

        Bus.purge(parking);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> openAlerts("dead-lettered", "queue:" + parking).isEmpty());
    }

    private static void publish(String exchange, String type, Object payload) {
        Bus.publish(exchange, Bus.envelope(type, Instant.now(), payload));
    }
}
