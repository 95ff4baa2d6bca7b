package dev.shelfsync.alerting.notify;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shelfsync.alerting.config.AlertingConfig;
import dev.shelfsync.alerting.support.AlertingApi;
import dev.shelfsync.alerting.support.Bus;
import dev.shelfsync.alerting.support.WebhookReceiver;
import dev.shelfsync.contracts.Exchanges;
import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.returns.InspectionOverdue;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Notification delivery: retries with backoff, failures visible in the API, Slack bodies and e-mail. */
@QuarkusTest
class DeliveryTest {

    @Inject
    MockMailbox mailbox;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    AlertingConfig config;

    @Inject
    WebhookSender webhooks;

    @Inject
    EmailSender emails;

    @Test
    void twoDispatchersSharingTheDatabaseDeliverEveryNotificationExactlyOnce() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(200)) {
            String targetId = AlertingApi.createTarget(Map.of(
                    "name", "replicas", "kind", "webhook", "url", receiver.url(), "secret", "s3cret-s3cret-s3cret"));
            // a second replica: its own dispatcher over the same database
            Dispatcher second = new Dispatcher(pool, vertx, config, webhooks, emails);
            second.start(null);
            try {
                String run = UUID.randomUUID().toString().substring(0, 8);
                for (int i = 0; i < 30; i++) {
                    raiseOverdueInspection("rma-" + run + "-" + i);
                }
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> given().queryParam("targetId", targetId)
                                        .queryParam("status", "delivered")
                                        .get("/deliveries")
                                        .then()
                                        .extract()
                                        .jsonPath()
                                        .getList("")
                                        .size()
                                == 30);
                // a notification claimed twice would show a second attempt and a second call
                given().queryParam("targetId", targetId)
                        .get("/deliveries")
                        .then()
                        .body("", hasSize(30))
                        .body("attempts", org.hamcrest.Matchers.everyItem(equalTo(1)));
                List<WebhookReceiver.Call> calls = receiver.callsMentioning(run);
                assertEquals(30, calls.size());
                assertEquals(
                        30,
                        calls.stream()
                                .map(WebhookReceiver.Call::delivery)
                                .distinct()
                                .count());
            } finally {
                second.stop(null);
                AlertingApi.deleteTarget(targetId);
            }
        }
    }

    @Test
    void aFailingTargetIsRetriedAndTheFailureIsVisibleWhileAHealthyOneDelivers() throws Exception {
        try (WebhookReceiver failing = new WebhookReceiver(500);
                WebhookReceiver slack = new WebhookReceiver(200)) {
            String failingId = AlertingApi.createTarget(Map.of(
                    "name", "broken", "kind", "webhook", "url", failing.url(), "secret", "s3cret-s3cret-s3cret"));
            String slackId = AlertingApi.createTarget(Map.of(
                    "name",
                    "slack",
                    "kind",
                    "webhook",
                    "url",
                    slack.url(),
                    "secret",
                    "s3cret-s3cret-s3cret",
                    "format",
                    "slack"));
            try {
                String rma = "rma-" + UUID.randomUUID();
                raiseOverdueInspection(rma);
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> AlertingApi.openAlerts("inspection-overdue", "return:" + rma)
                                        .size()
                                == 1);
                String alertId = (String) AlertingApi.openAlerts("inspection-overdue", "return:" + rma)
                        .get(0)
                        .get("id");

                // max-attempts is 3 in tests: three tries, then the notification is marked failed
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> status(alertId, failingId).equals("failed"));
                JsonPath deliveries = AlertingApi.deliveries(alertId);
                Map<String, Object> failed = delivery(deliveries, failingId);
                assertEquals(3, failed.get("attempts"));
                assertEquals("HTTP 500", failed.get("lastError"));
                assertEquals(3, ((List<?>) failed.get("log")).size());
                assertEquals(3, failing.callsMentioning(alertId).size());

                await().atMost(Duration.ofSeconds(20))
                        .until(() -> status(alertId, slackId).equals("delivered"));
                assertTrue(slack.callsMentioning(rma).get(0).body().startsWith("{\"text\":"));

                given().queryParam("status", "failed")
                        .queryParam("targetId", failingId)
                        .get("/deliveries")
                        .then()
                        .statusCode(200)
                        .body("alertId", org.hamcrest.Matchers.hasItem(alertId));
                given().get("/notification-targets/{id}", failingId)
                        .then()
                        .statusCode(200)
                        .body("lastError", equalTo("HTTP 500"))
                        .body("failedDeliveries", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                        .body("secretSet", equalTo(true))
                        .body("$", not(org.hamcrest.Matchers.hasKey("secret")));
            } finally {
                AlertingApi.deleteTarget(failingId);
                AlertingApi.deleteTarget(slackId);
            }
        }
    }

    @Test
    void aTargetThatRecoversGetsTheNotificationOnALaterAttempt() throws Exception {
        try (WebhookReceiver flaky = new WebhookReceiver(503)) {
            String targetId = AlertingApi.createTarget(
                    Map.of("name", "flaky", "kind", "webhook", "url", flaky.url(), "secret", "s3cret-s3cret-s3cret"));
            try {
                String rma = "rma-" + UUID.randomUUID();
                raiseOverdueInspection(rma);
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> flaky.callsMentioning(rma).size() >= 1);
                flaky.answer(200);
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> AlertingApi.openAlerts("inspection-overdue", "return:" + rma)
                                        .size()
                                == 1);
                String alertId = (String) AlertingApi.openAlerts("inspection-overdue", "return:" + rma)
                        .get(0)
                        .get("id");
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> status(alertId, targetId).equals("delivered"));
                List<?> log = (List<?>)
                        delivery(AlertingApi.deliveries(alertId), targetId).get("log");
                assertTrue(log.size() >= 2);
                assertEquals(false, ((Map<?, ?>) log.get(0)).get("succeeded"));
                assertEquals(true, ((Map<?, ?>) log.get(log.size() - 1)).get("succeeded"));
            } finally {
                AlertingApi.deleteTarget(targetId);
            }
        }
    }

    @Test
    void anEmailTargetReceivesTheAlertByMail() {
        String address = "ops-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String targetId = AlertingApi.createTarget(Map.of("name", "ops mail", "kind", "email", "email", address));
        try {
            String rma = "rma-" + UUID.randomUUID();
            raiseOverdueInspection(rma);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> mailbox.getMailsSentTo(address) != null
                            && !mailbox.getMailsSentTo(address).isEmpty());
            List<Mail> mails = mailbox.getMailsSentTo(address);
            assertEquals(1, mails.size());
            assertTrue(mails.get(0).getSubject().contains("inspection-overdue return:" + rma));
            assertTrue(mails.get(0).getText().contains(rma));
            given().get("/notification-targets/{id}", targetId).then().body("failedDeliveries", equalTo(0));
            given().get("/notification-targets").then().body("findAll { it.id == '" + targetId + "' }", hasSize(1));
        } finally {
            AlertingApi.deleteTarget(targetId);
        }
    }

    private static void raiseOverdueInspection(String rma) {
        Bus.publish(
                Exchanges.RETURNS,
                Bus.envelope(
                        RoutingKeys.INSPECTION_OVERDUE,
                        Instant.now(),
                        new InspectionOverdue(rma, "berlin", Instant.now().minusSeconds(90_000), Instant.now())));
    }

    private static String status(String alertId, String targetId) {
        Map<String, Object> delivery = delivery(AlertingApi.deliveries(alertId), targetId);
        return delivery == null ? "none" : (String) delivery.get("status");
    }

    private static Map<String, Object> delivery(JsonPath deliveries, String targetId) {
        List<Map<String, Object>> all = deliveries.getList("");
        return all.stream()
                .filter(d -> targetId.equals(d.get("targetId")))
                .findFirst()
                .orElse(null);
    }
}
