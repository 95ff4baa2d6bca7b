package dev.shelfsync.inventory.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A PostgreSQL wire-protocol relay between the service's reactive pool and the real server that records, per
 * transaction, which statements the service ran and how many times it waited for the server. Counting on the wire
 * rather than in the client counts what PostgreSQL actually receives, pipelined batches included.
 *
 * <p>A round trip is a Sync or simple Query sent while no earlier one awaits its ReadyForQuery: the client waits
 * for an answer before it sends again. Round trips that execute something are counted apart from those that only
 * prepare a statement: the pool prepares each SQL text once per connection, so those depend on which pooled
 * connection a request gets, while executions do not. Statements are Execute and simple Query messages.
 */
public class PgWireCounter implements QuarkusTestResourceLifecycleManager {

    /** One committed or rolled-back transaction as the server saw it. */
    public record Transaction(List<String> statements, int roundTrips, int prepares, String frontendBytes) {

        public boolean mentions(String text) {
            return frontendBytes.contains(text);
        }
    }

    private final List<Transaction> transactions = new CopyOnWriteArrayList<>();
    private ServerSocket server;

    @Override
    public Map<String, String> start() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread acceptor = new Thread(this::accept, "pg-wire-counter");
        acceptor.setDaemon(true);
        acceptor.start();
        String database = System.getenv().getOrDefault("DB_NAME", "ss_test_inventory");
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + server.getLocalPort() + "/" + database);
    }

    @Override
    public void stop() {
        try {
            server.close();
        } catch (IOException ignored) {
            // the relay threads end with their sockets
        }
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(this, new TestInjector.MatchesType(PgWireCounter.class));
    }

    /** The one transaction whose statements carried {@code text} (an order id, say) as a parameter. */
    public Optional<Transaction> transactionMentioning(String text) {
        List<Transaction> found =
                transactions.stream().filter(tx -> tx.mentions(text)).toList();
        if (found.size() > 1) {
            throw new IllegalStateException(found.size() + " transactions mention " + text);
        }
        return found.stream().findFirst();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket postgres = new Socket(
                        System.getenv().getOrDefault("DB_HOST", "127.0.0.1"),
                        Integer.parseInt(System.getenv().getOrDefault("DB_PORT", "5432")));
                client.setTcpNoDelay(true);
                postgres.setTcpNoDelay(true);
                Connection connection = new Connection();
                start(() -> connection.frontend(client.getInputStream(), postgres.getOutputStream()), client, postgres);
                start(() -> connection.backend(postgres.getInputStream(), client.getOutputStream()), client, postgres);
            } catch (IOException e) {
                // closed at stop, or one connection failed: the pool reports it to the service
            }
        }
    }

    private static void start(IoWork work, Socket client, Socket postgres) {
        Thread thread = new Thread(
                () -> {
                    try {
                        work.run();
                    } catch (IOException ignored) {
                        // connection closed by either side
                    } finally {
                        closeQuietly(client);
                        closeQuietly(postgres);
                    }
                },
                "pg-wire-relay");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private interface IoWork {
        void run() throws IOException;
    }

    /** The protocol state of one pooled connection. */
    private final class Connection {

        /** The startup message is answered with a ReadyForQuery too. */
        private final AtomicInteger awaitingReady = new AtomicInteger(1);

        private final Map<String, String> preparedSql = new HashMap<>();
        private String boundSql = "";
        private List<String> statements;
        private int roundTrips;
        private StringBuilder bytes;
        private int prepares;
        private boolean executedSinceSync;
        private boolean lastWaitOnlyPrepared;

        void frontend(InputStream from, OutputStream to) throws IOException {
            DataInputStream in = new DataInputStream(from);
            relayUntyped(in, to); // startup message (no SSL: the pool connects with sslmode disable)
            while (true) {
                int type = in.read();
                if (type < 0) {
                    return;
                }
                int length = in.readInt();
                byte[] body = in.readNBytes(length - 4);
                if (body.length != length - 4) {
                    throw new EOFException();
                }
                observeFrontend((char) type, body);
                to.write(type);
                to.write(intBytes(length));
                to.write(body);
                to.flush();
            }
        }

        void backend(InputStream from, OutputStream to) throws IOException {
            DataInputStream in = new DataInputStream(from);
            while (true) {
                int type = in.read();
                if (type < 0) {
                    return;
                }
                int length = in.readInt();
                byte[] body = in.readNBytes(length - 4);
                if (type == 'Z') {
                    awaitingReady.decrementAndGet();
                }
                to.write(type);
                to.write(intBytes(length));
                to.write(body);
                to.flush();
            }
        }

        private void relayUntyped(DataInputStream in, OutputStream to) throws IOException {
            int length = in.readInt();
            to.write(intBytes(length));
            to.write(in.readNBytes(length - 4));
            to.flush();
        }

        private void observeFrontend(char type, byte[] body) {
            switch (type) {
                case 'Q' -> {
                    String sql = cString(body, 0).trim();
                    String keyword = sql.toUpperCase();
                    if (keyword.equals("BEGIN")) {
                        statements = new ArrayList<>();
                        roundTrips = 0;
                        bytes = new StringBuilder();
                        prepares = 0;
                    }
                    executedSinceSync = true;
                    waitsForReady();
                    if (statements != null) {
                        statements.add(sql);
                        bytes.append(new String(body, StandardCharsets.ISO_8859_1));
                    }
                    if (statements != null && (keyword.equals("COMMIT") || keyword.equals("ROLLBACK"))) {
                        transactions.add(
                                new Transaction(List.copyOf(statements), roundTrips, prepares, bytes.toString()));
                        statements = null;
                    }
                }
                case 'P' -> {
                    String name = cString(body, 0);
                    preparedSql.put(name, cString(body, name.getBytes(StandardCharsets.UTF_8).length + 1));
                }
                case 'B' -> {
                    String portal = cString(body, 0);
                    String statement = cString(body, portal.getBytes(StandardCharsets.UTF_8).length + 1);
                    boundSql = preparedSql.getOrDefault(statement, "?");
                }
                case 'E' -> {
                    executedSinceSync = true;
                    if (statements != null) {
                        statements.add(boundSql.strip().replaceAll("\\s+", " "));
                    }
                }
                case 'S' -> waitsForReady();
                default -> {}
            }
            if (statements != null && type != 'Q') {
                bytes.append(new String(body, StandardCharsets.ISO_8859_1));
            }
        }

        /**
         * A Sync or Query: the server answers with ReadyForQuery; sent with none pending, the client had waited. A wait
         * that executes nothing only prepared statements, which the pool does once per connection and SQL text.
         */
        private void waitsForReady() {
            boolean waited = awaitingReady.getAndIncrement() == 0;
            if (statements != null && waited) {
                if (executedSinceSync) {
                    roundTrips++;
                } else {
                    prepares++;
                }
            } else if (statements != null && executedSinceSync && lastWaitOnlyPrepared) {
                // pipelined behind a prepare: the execution rides on that round trip
                prepares--;
                roundTrips++;
            }
            lastWaitOnlyPrepared = waited ? !executedSinceSync : lastWaitOnlyPrepared && !executedSinceSync;
            executedSinceSync = false;
        }
    }

    private static String cString(byte[] body, int offset) {
        int end = offset;
        while (end < body.length && body[end] != 0) {
            end++;
        }
        return new String(body, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static byte[] intBytes(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }
}
