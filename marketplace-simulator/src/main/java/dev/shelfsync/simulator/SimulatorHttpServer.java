package dev.shelfsync.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The one HTTP server in front of every simulated channel: routes {@code /<channelId>/...} to the channel and
 * {@code /_sim/...} to the control API, holds the requests of a hanging channel, and writes each {@link Reply} as JSON.
 */
final class SimulatorHttpServer {

    private static final int MAX_BODY = 4 * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final ObjectMapper mapper;
    private final Map<String, SimulatedChannel> channels;
    private final ControlApi control;
    /** Channel id -> System.nanoTime() until which its API answers nothing at all. */
    private final Map<String, Long> hangUntil = new ConcurrentHashMap<>();

    SimulatorHttpServer(
            String host, int port, Map<String, SimulatedChannel> channels, ControlApi control, ObjectMapper mapper)
            throws IOException {
        this.channels = channels;
        this.control = control;
        this.mapper = mapper;
        // Enough threads that a hanging channel's requests do not starve the other channels.
        this.executor = Executors.newFixedThreadPool(32, runnable -> {
            Thread thread = new Thread(runnable, "marketplace-simulator");
            thread.setDaemon(true);
            return thread;
        });
        this.server = HttpServer.create(new InetSocketAddress(host, port), 128);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    /** Until {@code nanos} from now the channel's requests are held without an answer. */
    void hangFor(String channelId, long nanos) {
        hangUntil.put(channelId, System.nanoTime() + nanos);
    }

    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            List<String> parts = splitPath(path);
            if (parts.isEmpty()) {
                respond(exchange, Reply.json(404, Map.of("error", "no such path")));
                return;
            }
            byte[] body = readBody(exchange.getRequestBody());
            if (parts.get(0).equals("_sim")) {
                respond(exchange, control.handle(exchange.getRequestMethod(), parts, body));
                return;
            }
            SimulatedChannel channel = channels.get(parts.get(0));
            if (channel == null) {
                respond(exchange, Reply.json(404, Map.of("error", "no such channel")));
                return;
            }
            hang(parts.get(0));
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            String below = path.substring(parts.get(0).length() + 1);
            respond(
                    exchange,
                    channel.handle(
                            exchange.getRequestMethod(),
                            below,
                            exchange.getRequestURI().getRawQuery(),
                            headers,
                            body));
        }
    }

    /** Holds the request while its channel hangs (outside the channel's lock, so the control API still works). */
    private void hang(String channelId) {
        // re-read every 50 ms, so that ending the hang early releases the requests already held
        while (System.nanoTime() < hangUntil.getOrDefault(channelId, 0L)) {
            try {
                TimeUnit.MILLISECONDS.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void respond(HttpExchange exchange, Reply reply) throws IOException {
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        if (reply.body() == null || reply.status() == 204) {
            exchange.sendResponseHeaders(reply.status(), -1);
            return;
        }
        byte[] bytes = mapper.writeValueAsBytes(reply.body());
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new IOException("request body too large");
        }
        return bytes;
    }

    private static List<String> splitPath(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return parts;
    }
}
