package dev.shelfsync.platform.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;

/**
 * Puts a TCP proxy between the application under test and RabbitMQ, so a test can make the broker connection go
 * silent without closing it (a half-open connection, as after a dropped NAT entry or a frozen peer): bytes sent are
 * neither delivered nor refused. New connections still get through, like a client reconnecting over a fresh path.
 */
public class FreezableBrokerLink implements QuarkusTestResourceLifecycleManager {

    private static NioReactor reactor;
    private static TcpCrusher crusher;

    @Override
    public Map<String, String> start() {
        int port = freePort();
        try {
            reactor = new NioReactor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        crusher = TcpCrusherBuilder.builder()
                .withReactor(reactor)
                .withBindAddress("127.0.0.1", port)
                .withConnectAddress(brokerHost(), brokerPort())
                .buildAndOpen();
        return Map.of("rabbitmq-host", "127.0.0.1", "rabbitmq-port", Integer.toString(port));
    }

    /** Every connection open now stops carrying bytes in either direction; it stays open. */
    public static void silenceOpenConnections() {
        crusher.freezeAllPairs();
    }

    /** The silenced connections carry bytes again, what was held back included. */
    public static void resumeOpenConnections() {
        crusher.unfreezeAllPairs();
    }

    /** How many connections the application has opened through the link so far. */
    public static int connectionsOpened() {
        return crusher.getClientTotalCount();
    }

    @Override
    public void stop() {
        if (crusher != null) {
            crusher.close();
        }
        if (reactor != null) {
            reactor.close();
        }
    }

    // the same variables the test configuration reads, resolved before the application starts
    private static String brokerHost() {
        return System.getenv().getOrDefault("RABBITMQ_HOST", "127.0.0.1");
    }

    private static int brokerPort() {
        return Integer.parseInt(System.getenv().getOrDefault("RABBITMQ_PORT", "5672"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
