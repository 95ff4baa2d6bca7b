package dev.shelfsync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Several simulated marketplaces behind one HTTP server. Each channel's push API lives under {@code /<channelId>}
 * (so the gateway's apiBaseUrl for it is {@code http://127.0.0.1:<port>/<channelId>}); a control API lives under
 * {@code /_sim/<channelId>}. Usable from JUnit ({@link #start(SimulatorConfig)}) and as a process ({@link Main}).
 */
public final class MarketplaceSimulator implements AutoCloseable {

    private static final int MAX_BODY = 4 * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final ObjectMapper mapper;
    private final NativeOrders orders;
    private final HttpClient client;
    private final Map<String, SimulatedChannel> channels = new LinkedHashMap<>();
    private final Map<String, NativeOrders.Webhook> sent = new ConcurrentHashMap<>();
    /** Channel id -> System.nanoTime() until which its API answers nothing at all. */
    private final Map<String, Long> hangUntil = new ConcurrentHashMap<>();

    private final AtomicLong orderNumbers = new AtomicLong((System.currentTimeMillis() % 1_000_000_000L) * 100);

    private MarketplaceSimulator(SimulatorConfig config) throws IOException {
        this.mapper = JsonMapper.builder()
                .findAndAddModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
        this.orders = new NativeOrders(mapper);
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        for (ChannelConfig channel : config.channels()) {
            if (channels.put(channel.id(), new SimulatedChannel(channel, mapper)) != null) {
                throw new IllegalArgumentException("duplicate channel id " + channel.id());
            }
        }
        // Enough threads that a hanging channel's requests do not starve the other channels.
        this.executor = Executors.newFixedThreadPool(32, runnable -> {
            Thread thread = new Thread(runnable, "marketplace-simulator");
            thread.setDaemon(true);
            return thread;
        });
        this.server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 128);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts the simulator; {@code port 0} picks a free port. */
    public static MarketplaceSimulator start(SimulatorConfig config) {
        try {
            return new MarketplaceSimulator(config);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the marketplace simulator", e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL to register as the gateway channel's apiBaseUrl. */
    public String apiBaseUrl(String channelId) {
        channel(channelId);
        return "http://" + server.getAddress().getHostString() + ":" + port() + "/" + channelId;
    }

    /** What the marketplace currently shows for the listing, null when it does not know the listing. */
    public Integer listedQuantity(String channelId, String listingId) {
        return channel(channelId).listed(listingId);
    }

    public Map<String, Integer> listings(String channelId) {
        return channel(channelId).listings();
    }

    /** Every listing quantity accepted from the gateway, in arrival order. */
    public List<Push> pushes(String channelId) {
        return channel(channelId).pushes();
    }

    /** Arrival times of accepted push requests (a batch is one request). */
    public List<Instant> acceptedRequests(String channelId) {
        return channel(channelId).acceptedRequests();
    }

    /** Push requests answered with 429 or an injected failure. */
    public int rejectedRequests(String channelId) {
        return channel(channelId).rejectedRequests();
    }

    /**
     * From now on the channel accepts and records pushes without showing them to buyers; {@link #setListedQuantity}
     * makes a value visible (a scheduled sync, modelled).
     */
    public void holdPushes(String channelId) {
        channel(channelId).holdPushes();
    }

    /** Shopify pushes the store refused because their compareQuantity no longer matched its quantity. */
    public int staleComparisons(String channelId) {
        return channel(channelId).staleComparisons();
    }

    /** Answers every push request with {@code status} (429 with Retry-After, or 5xx) for the given time. */
    public void failFor(String channelId, int status, Duration duration) {
        channel(channelId).failFor(status, duration.toMillis());
    }

    /**
     * For the given time the channel's API (pushes, order reads, feeds) accepts connections and requests and answers
     * none of them until the time is over, as a marketplace stuck behind its load balancer would.
     */
    public void hangFor(String channelId, Duration duration) {
        channel(channelId);
        hangUntil.put(channelId, System.nanoTime() + duration.toNanos());
    }

    /** Sets a listed quantity directly, as a merchant editing the listing in the marketplace's admin would. */
    public void setListedQuantity(String channelId, String listingId, int quantity) {
        channel(channelId).setListed(listingId, quantity);
    }

    /**
     * A buyer orders {@code quantity} of the listing. The marketplace sells only what it shows: if its own listed
     * quantity is lower, nothing happens. Otherwise it decrements locally and sends its native signed order webhook to
     * the gateway, returning the gateway's answer.
     */
    public Sale sell(String channelId, String listingId, int quantity) {
        return sell(channelId, listingId, quantity, true);
    }

    /**
     * As {@link #sell(String, String, int)}, but the marketplace never sends the webhook (a lost delivery): the order
     * exists only in the marketplace's order API, where reconciliation has to find it. {@link Sale#gatewayStatus()} is
     * 0; the webhook can still be sent later with {@link #redeliver(String, String)}.
     */
    public Sale sellWithoutWebhook(String channelId, String listingId, int quantity) {
        return sell(channelId, listingId, quantity, false);
    }

    private Sale sell(String channelId, String listingId, int quantity, boolean sendWebhook) {
        SimulatedChannel channel = channel(channelId);
        if (!channel.take(listingId, quantity)) {
            return Sale.notSold();
        }
        NativeOrders.Webhook webhook =
                orders.orderCreated(channel.config(), orderNumbers.incrementAndGet(), listingId, quantity);
        channel.placed(webhook, listingId, quantity);
        sent.put(webhook.deliveryId(), webhook);
        int status = sendWebhook ? deliver(channel.config(), webhook) : 0;
        return new Sale(true, webhook.externalOrderId(), webhook.deliveryId(), status);
    }

    /** Fulfilments (with tracking) and refunds the gateway created on the channel, in arrival order. */
    public List<OrderUpdate> orderUpdates(String channelId) {
        return channel(channelId).orderUpdates();
    }

    /** Feeds created on a simulated Amazon store (refunds as payment-adjustment feeds), in creation order. */
    public List<AmazonFeed> amazonFeeds(String channelId) {
        return channel(channelId).amazonFeeds();
    }

    /**
     * The next {@code times} createFeed requests to the Amazon store answer 500. With {@code afterCreating} each feed
     * is created all the same and only its answer is lost; otherwise Amazon fails before creating anything.
     */
    public void failNextCreateFeeds(String channelId, int times, boolean afterCreating) {
        channel(channelId).failNextCreateFeeds(times, afterCreating);
    }

    /** How often the channel's order list was read (reconciliation sweeps). */
    public int orderReads(String channelId) {
        return channel(channelId).orderReads();
    }

    /**
     * Serves every order list (and Amazon order item list) in pages of at most {@code size}, as a store with a long
     * backlog would; 0 goes back to each marketplace's usual page sizes.
     */
    public void orderPageSize(String channelId, int size) {
        channel(channelId).orderPageSize(size);
    }

    /** Sends an earlier webhook again, byte for byte (a marketplace retry); returns the gateway's status. */
    public int redeliver(String channelId, String deliveryId) {
        NativeOrders.Webhook webhook = sent.get(deliveryId);
        if (webhook == null) {
            throw new IllegalArgumentException("no webhook " + deliveryId + " was sent");
        }
        return deliver(channel(channelId).config(), webhook);
    }

    /**
     * Sends another webhook for an earlier sale's order under a new delivery id (see {@link #redeliver} for the same
     * one again): a duplicate with a fresh id, or with {@code asUpdate} the order's next event (WooCommerce
     * order.updated, Shopify orders/updated, Amazon another ORDER_CHANGE), as it arrives when it overtakes the
     * creation. Shopify, WooCommerce and Amazon stores only. Returns the gateway's status.
     */
    public int sendAnother(String channelId, String deliveryId, boolean asUpdate) {
        NativeOrders.Webhook webhook = sent.get(deliveryId);
        if (webhook == null) {
            throw new IllegalArgumentException("no webhook " + deliveryId + " was sent");
        }
        ChannelConfig config = channel(channelId).config();
        NativeOrders.Webhook other = orders.another(config, webhook, asUpdate);
        sent.put(other.deliveryId(), other);
        return deliver(config, other);
    }

    @Override
    public void close() {
        stop();
    }

    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private int deliver(ChannelConfig channel, NativeOrders.Webhook webhook) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(stripSlash(channel.gatewayUrl()) + webhook.path()))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(webhook.body()));
        webhook.headers().forEach(request::header);
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private SimulatedChannel channel(String channelId) {
        SimulatedChannel channel = channels.get(channelId);
        if (channel == null) {
            throw new IllegalArgumentException("unknown simulated channel " + channelId);
        }
        return channel;
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
                respond(exchange, control(exchange.getRequestMethod(), parts, body));
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

    private Reply control(String method, List<String> parts, byte[] body) throws IOException {
        if (parts.size() < 3 || !channels.containsKey(parts.get(1))) {
            return Reply.json(404, Map.of("error", "unknown channel or control path"));
        }
        String channelId = parts.get(1);
        String action = parts.get(2);
        switch (method + " " + action) {
            case "GET listings":
                return Reply.json(200, listings(channelId));
            case "GET pushes":
                return Reply.json(200, pushes(channelId));
            case "GET stats":
                return Reply.json(
                        200,
                        Map.of(
                                "acceptedRequests", acceptedRequests(channelId).size(),
                                "rejectedRequests", rejectedRequests(channelId)));
            case "POST sell": {
                JsonNode request = mapper.readTree(body);
                String listingId = request.path("listingId").asText(null);
                if (listingId == null) {
                    return Reply.json(400, Map.of("error", "listingId is required"));
                }
                return Reply.json(
                        200,
                        sell(
                                channelId,
                                listingId,
                                request.path("quantity").asInt(1),
                                request.path("webhook").asBoolean(true)));
            }
            case "GET order-updates":
                return Reply.json(200, orderUpdates(channelId));
            case "GET amazon-feeds":
                return Reply.json(200, amazonFeeds(channelId));
            case "POST fail": {
                JsonNode request = mapper.readTree(body);
                failFor(channelId, request.path("status").asInt(500), Duration.ofMillis((long)
                        (request.path("seconds").asDouble(10) * 1000)));
                return Reply.json(204, null);
            }
            default:
                return Reply.json(404, Map.of("error", "unknown control action"));
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

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
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
