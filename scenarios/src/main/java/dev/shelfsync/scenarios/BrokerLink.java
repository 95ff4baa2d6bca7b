package dev.shelfsync.scenarios;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;

/**
 * A loopback TCP proxy between one service and RabbitMQ, so the fault run can make that service's broker connections
 * go silent without closing them: no FIN, no RST, bytes neither delivered nor refused, as after a dropped NAT entry
 * or a frozen switch port. Connections opened while frozen get through, as a client reconnecting over a new path.
 */
public final class BrokerLink implements AutoCloseable {

    private final NioReactor reactor;
    private final TcpCrusher crusher;
    private final int port;

    private BrokerLink(NioReactor reactor, TcpCrusher crusher, int port) {
        this.reactor = reactor;
        this.crusher = crusher;
        this.port = port;
    }

    /** Opens a link on a free loopback port to the broker at {@code host:brokerPort}. */
    static BrokerLink open(String host, int brokerPort) {
        int port = freePort();
        try {
            NioReactor reactor = new NioReactor();
            TcpCrusher crusher = TcpCrusherBuilder.builder()
                    .withReactor(reactor)
                    .withBindAddress("127.0.0.1", port)
                    .withConnectAddress(host, brokerPort)
                    .buildAndOpen();
            return new BrokerLink(reactor, crusher, port);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open a broker link", e);
        }
    }

    /** The port the service connects to instead of the broker's. */
    int port() {
        return port;
    }

    /** Every connection open now stops carrying bytes both ways and stays open; returns how many were frozen. */
    public int freeze() {
        int open = crusher.getClientAddresses().size();
        crusher.freezeAllPairs();
        return open;
    }

    /** The frozen connections carry bytes again (the broker has usually closed its side by then). */
    public void thaw() {
        crusher.unfreezeAllPairs();
    }

    /** Connections the service has opened through the link since it started. */
    public int connectionsOpened() {
        return crusher.getClientTotalCount();
    }

    @Override
    public synchronized void close() {
        if (crusher.isOpen()) {
            crusher.close();
            reactor.close();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
