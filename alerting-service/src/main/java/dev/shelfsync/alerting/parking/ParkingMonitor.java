package dev.shelfsync.alerting.parking;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.shelfsync.alerting.alert.AlertDraft;
import dev.shelfsync.alerting.alert.AlertTypes;
import dev.shelfsync.alerting.alert.Alerts;
import dev.shelfsync.alerting.alert.Severity;
import dev.shelfsync.alerting.config.AlertingConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Watches the configured parking queues over AMQP (a passive declare returns the message count without touching
 * the messages) and keeps one dead-lettered alert open per queue that holds messages; it resolves itself once the
 * queue has been drained. Operators replay or discard parked messages themselves; alerting only makes them visible.
 */
@ApplicationScoped
public class ParkingMonitor {

    private static final Logger LOG = Logger.getLogger(ParkingMonitor.class);

    private final AlertingConfig config;
    private final Alerts alerts;
    private final Pool pool;
    private final Vertx vertx;
    private final ConnectionFactory factory;
    private final AtomicBoolean checking = new AtomicBoolean();
    private final AtomicLong timer = new AtomicLong(-1);

    public ParkingMonitor(
            AlertingConfig config,
            Alerts alerts,
            Pool pool,
            Vertx vertx,
            @ConfigProperty(name = "rabbitmq-host") String host,
            @ConfigProperty(name = "rabbitmq-port") int port,
            @ConfigProperty(name = "rabbitmq-username") String username,
            @ConfigProperty(name = "rabbitmq-password", defaultValue = "") String password,
            @ConfigProperty(name = "mp.messaging.connector.smallrye-rabbitmq.virtual-host") String virtualHost) {
        this.config = config;
        this.alerts = alerts;
        this.pool = pool;
        this.vertx = vertx;
        this.factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(username);
        factory.setPassword(password);
        factory.setVirtualHost(virtualHost);
        factory.setConnectionTimeout(5_000);
        factory.setAutomaticRecoveryEnabled(false);
    }

    void start(@Observes StartupEvent event) {
        if (config.parking().queues().map(List::isEmpty).orElse(true)) {
            return;
        }
        timer.set(vertx.setPeriodic(config.parking().interval().toMillis(), id -> check()));
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer.get());
    }

    /** One check of every configured queue; overlapping checks are skipped. */
    public void check() {
        if (!checking.compareAndSet(false, true)) {
            return;
        }
        vertx.executeBlocking(this::countMessages)
                .flatMap(this::record)
                .subscribe()
                .with(ok -> checking.set(false), failure -> {
                    checking.set(false);
                    LOG.warnf("parking queue check failed: %s", failure.getMessage());
                });
    }

    private Map<String, Long> countMessages() throws IOException, TimeoutException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = factory.newConnection("alerting-parking-monitor")) {
            for (String queue : config.parking().queues().orElse(List.of())) {
                // a failed passive declare closes its channel, so each queue gets a fresh one
                Channel channel = connection.createChannel();
                try {
                    counts.put(queue, (long) channel.queueDeclarePassive(queue).getMessageCount());
                    channel.close();
                } catch (IOException notDeclared) {
                    counts.put(queue, 0L); // a queue that does not exist yet holds nothing
                }
            }
        }
        return counts;
    }

    private Uni<Void> record(Map<String, Long> counts) {
        return pool.withTransaction(tx -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Map.Entry<String, Long> entry : counts.entrySet()) {
                String subject = "queue:" + entry.getKey();
                long messages = entry.getValue();
                if (messages == 0) {
                    chain = chain.flatMap(ignored -> alerts.autoResolve(tx, AlertTypes.DEAD_LETTERED, subject)
                            .replaceWithVoid());
                } else {
                    JsonObject details =
                            new JsonObject().put("queue", entry.getKey()).put("messages", messages);
                    String summary = messages + " message(s) parked in " + entry.getKey() + " after failed processing";
                    AlertDraft draft =
                            AlertDraft.of(AlertTypes.DEAD_LETTERED, Severity.critical, subject, summary, details);
                    chain = chain.flatMap(
                            ignored -> alerts.raise(tx, draft, false).replaceWithVoid());
                }
            }
            return chain;
        });
    }
}
