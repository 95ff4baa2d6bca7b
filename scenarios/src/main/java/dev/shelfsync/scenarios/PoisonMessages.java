package dev.shelfsync.scenarios;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * The chaos step where bad messages arrive among the good ones: while the order stream runs, every consumer queue
 * of the five services gets {@link #PER_QUEUE} messages no consumer can read (half not JSON, half envelopes
 * without an id), published straight to the queue. Each must be parked in that queue's {@code .parking} queue at
 * once, and the good messages around them must flow as before (the common checks: nothing lost or doubled, the
 * stores converged).
 */
final class PoisonMessages {

    static final int PER_QUEUE = 4;

    /** Every queue the services consume (their application.properties), each with its parking queue beside it. */
    static final List<String> QUEUES = List.of(
            "inventory.order-commands",
            "inventory.return-events",
            "inventory.channel-acknowledgements",
            "routing.channel-orders",
            "routing.stock",
            "routing.reservations",
            "returns.channel-returns",
            "gateway.availability",
            "gateway.order-shipped",
            "gateway.refund-due",
            "gateway.sale-outcomes",
            "alerting.inventory",
            "alerting.orders",
            "alerting.channels",
            "alerting.returns");

    private final String vhost;
    private final Duration length;
    private Map<String, Integer> parkedBefore = Map.of();

    PoisonMessages(String vhost, Duration length) {
        this.vhost = vhost;
        this.length = length;
    }

    Fault fault() {
        return new Fault(
                "poison",
                "poison messages among good ones",
                String.format(
                        Locale.ROOT,
                        "%d unreadable messages (not JSON, or an envelope without an id) to each of the %d consumer"
                                + " queues, spread over %d s of the stream",
                        PER_QUEUE,
                        QUEUES.size(),
                        length.toSeconds()),
                "a message no consumer can read is parked at once in its queue's parking queue, and the good"
                        + " messages around it are applied as before",
                false,
                this::inject,
                () -> {},
                this::findings);
    }

    private void inject() {
        try (Connection connection = LocalServers.brokerConnection(vhost, "shelfsync-chaos-poison");
                Channel channel = connection.createChannel()) {
            parkedBefore = parked(channel);
            long pause = length.toMillis() / PER_QUEUE;
            for (int n = 0; n < PER_QUEUE; n++) {
                for (String queue : QUEUES) {
                    channel.basicPublish("", queue, persistent(), body(n));
                }
                Chaos.sleep(Duration.ofMillis(pause));
            }
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot publish the poison messages: " + e.getMessage(), e);
        }
    }

    private Fault.Findings findings() {
        Map<String, Integer> now;
        try (Connection connection = LocalServers.brokerConnection(vhost, "shelfsync-chaos-poison");
                Channel channel = connection.createChannel()) {
            now = parked(channel);
        } catch (IOException | TimeoutException e) {
            // unread parking queues prove nothing: the step must not pass on them
            String unread = "cannot read the parking queues: " + e.getMessage();
            return new Fault.Findings(null, unread, unread);
        }
        List<String> notParked = new ArrayList<>();
        int parked = 0;
        for (String queue : QUEUES) {
            int added = now.get(queue) - parkedBefore.getOrDefault(queue, 0);
            parked += added;
            if (added < PER_QUEUE) {
                notParked.add(queue + " " + added + " of " + PER_QUEUE);
            }
        }
        String notes =
                String.format(Locale.ROOT, "poison messages sent %d, parked %d", PER_QUEUE * QUEUES.size(), parked);
        return notParked.isEmpty()
                ? new Fault.Findings(null, notes)
                : new Fault.Findings(null, notes, "poison messages not parked: " + String.join(", ", notParked));
    }

    private static byte[] body(int n) {
        String text = n % 2 == 0
                ? "{this is not json " + n
                : "{\"type\":\"chaos.unreadable\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"payload\":{\"poison\":" + n
                        + "}}";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static AMQP.BasicProperties persistent() {
        return new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .deliveryMode(2)
                .messageId(UUID.randomUUID().toString())
                .build();
    }

    private static Map<String, Integer> parked(Channel channel) throws IOException {
        Map<String, Integer> depths = new LinkedHashMap<>();
        for (String queue : QUEUES) {
            depths.put(queue, channel.queueDeclarePassive(queue + ".parking").getMessageCount());
        }
        return depths;
    }
}
