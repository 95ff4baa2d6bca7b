package dev.shelfsync.platform.outbox;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes the relay's messages on a connection of its own with the RabbitMQ client's publisher confirms, and gives
 * every send an outcome: confirmed, refused by the broker, or failed because its channel closed before the confirm
 * came (the client forgets those confirms, so the send fails and its row is published again).
 *
 * <p>The messaging connector's sender hid that last case: a send whose connection closed never completed, and its
 * place in the connector's window of sends in flight was never given back. Every broker restart shrank the window
 * until the connector refused every send, for good. Here nothing outlives its channel.
 *
 * <p>All channel work runs on one thread of its own: a channel is not for concurrent publishers, and a broker that
 * blocks publishers (a memory alarm) blocks that thread, never an event loop. While the broker cannot be reached a
 * send fails at once, and a new connection is tried at most once per reconnect interval.
 */
@ApplicationScoped
public class BrokerPublisher {

    /** What to publish: the envelope and its AMQP properties, routing key included. */
    record Outbound(String routingKey, AMQP.BasicProperties properties, byte[] body) {}

    private static final Logger LOG = Logger.getLogger(BrokerPublisher.class);

    private final ConnectionFactory factory = new ConnectionFactory();
    private final String exchange;
    private final String exchangeType;
    private final Duration reconnectInterval;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread publisher = new Thread(runnable, "outbox-publisher");
        publisher.setDaemon(true);
        return publisher;
    });

    // Touched on the publisher thread only.
    private Connection connection;
    private ConfirmedChannel channel;
    private long nextAttemptAt;
    private String lastFailure;

    public BrokerPublisher(
            @ConfigProperty(name = "rabbitmq-host", defaultValue = "localhost") String host,
            @ConfigProperty(name = "rabbitmq-port", defaultValue = "5672") int port,
            @ConfigProperty(name = "rabbitmq-username", defaultValue = "guest") String username,
            @ConfigProperty(name = "rabbitmq-password", defaultValue = "guest") String password,
            @ConfigProperty(name = "mp.messaging.connector.smallrye-rabbitmq.virtual-host", defaultValue = "/")
                    String virtualHost,
            @ConfigProperty(name = "mp.messaging.connector.smallrye-rabbitmq.requested-heartbeat", defaultValue = "60")
                    int heartbeatSeconds,
            BrokerTls tls,
            OutboxConfig config) {
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(username);
        factory.setPassword(password);
        factory.setVirtualHost(virtualHost);
        factory.setRequestedHeartbeat(heartbeatSeconds);
        factory.setConnectionTimeout(10_000);
        factory.setHandshakeTimeout(10_000);
        tls.applyTo(factory);
        // Reconnecting is this class's job: it knows which sends a lost channel took with it.
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        this.exchange = config.exchange();
        this.exchangeType = config.exchangeType();
        this.reconnectInterval = config.reconnectInterval();
    }

    /** Completes when the broker confirmed the message; fails when it refused it or the message may be lost. */
    CompletionStage<Void> publish(Outbound message) {
        CompletableFuture<Void> outcome = new CompletableFuture<>();
        thread.execute(() -> send(message, outcome));
        return outcome;
    }

    private void send(Outbound message, CompletableFuture<Void> outcome) {
        try {
            openChannel().publish(message, outcome);
        } catch (IOException | TimeoutException | RuntimeException e) {
            outcome.completeExceptionally(e);
        }
    }

    private ConfirmedChannel openChannel() throws IOException, TimeoutException {
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        closeConnection();
        long now = System.nanoTime();
        if (nextAttemptAt != 0 && now - nextAttemptAt < 0) {
            throw new IOException("broker unreachable (" + lastFailure + "); next connection attempt within "
                    + reconnectInterval.toMillis() + " ms");
        }
        nextAttemptAt = now + reconnectInterval.toNanos();
        try {
            Connection opened = factory.newConnection("outbox-relay");
            connection = opened;
            Channel created = opened.createChannel();
            created.exchangeDeclare(exchange, exchangeType, true);
            created.confirmSelect();
            channel = new ConfirmedChannel(created, exchange);
            nextAttemptAt = 0;
            LOG.infof(
                    "outbox publisher connected to %s:%d (exchange %s)",
                    factory.getHost(), factory.getPort(), exchange);
            return channel;
        } catch (IOException | TimeoutException | RuntimeException e) {
            lastFailure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw e;
        }
    }

    /**
     * One channel and the sends it has not had confirmed yet. Confirms arrive on the client's connection thread;
     * {@code multiple} covers every earlier send of the channel too. Sequence numbers start again with every channel,
     * so each keeps its own.
     */
    private static final class ConfirmedChannel implements ConfirmListener {

        private final Channel channel;
        private final String exchange;
        private final ConcurrentNavigableMap<Long, CompletableFuture<Void>> awaitingConfirm =
                new ConcurrentSkipListMap<>();

        ConfirmedChannel(Channel channel, String exchange) {
            this.channel = channel;
            this.exchange = exchange;
            channel.addConfirmListener(this);
            channel.addShutdownListener(this::closed);
        }

        boolean isOpen() {
            return channel.isOpen();
        }

        void publish(Outbound message, CompletableFuture<Void> outcome) throws IOException {
            long sequence = channel.getNextPublishSeqNo();
            awaitingConfirm.put(sequence, outcome);
            try {
                channel.basicPublish(exchange, message.routingKey(), message.properties(), message.body());
            } catch (IOException | RuntimeException e) {
                awaitingConfirm.remove(sequence);
                throw e;
            }
        }

        @Override
        public void handleAck(long deliveryTag, boolean multiple) {
            settle(deliveryTag, multiple, null);
        }

        @Override
        public void handleNack(long deliveryTag, boolean multiple) {
            settle(deliveryTag, multiple, new IOException("the broker refused the message (basic.nack)"));
        }

        private void settle(long deliveryTag, boolean multiple, Exception refusal) {
            Map<Long, CompletableFuture<Void>> settled = multiple
                    ? awaitingConfirm.headMap(deliveryTag, true)
                    : awaitingConfirm.subMap(deliveryTag, true, deliveryTag, true);
            for (Map.Entry<Long, CompletableFuture<Void>> send : settled.entrySet()) {
                if (awaitingConfirm.remove(send.getKey(), send.getValue())) {
                    if (refusal == null) {
                        send.getValue().complete(null);
                    } else {
                        send.getValue().completeExceptionally(refusal);
                    }
                }
            }
        }

        /** Sends still waiting when the channel closes will never be confirmed: they fail, and are sent again. */
        private void closed(ShutdownSignalException cause) {
            if (!cause.isInitiatedByApplication()) {
                LOG.warnf(
                        "outbox publisher lost its broker channel with %d sends unconfirmed: %s",
                        awaitingConfirm.size(), cause.getMessage());
            }
            IOException lost = new IOException("broker channel closed before the confirm: " + cause.getMessage());
            for (Long sequence : awaitingConfirm.keySet()) {
                CompletableFuture<Void> send = awaitingConfirm.remove(sequence);
                if (send != null) {
                    send.completeExceptionally(lost);
                }
            }
        }
    }

    private void closeConnection() {
        Connection current = connection;
        connection = null;
        channel = null;
        if (current != null) {
            try {
                current.abort(1_000);
            } catch (RuntimeException ignored) {
                // already closed: nothing to release
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        thread.execute(this::closeConnection);
        thread.shutdown();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
