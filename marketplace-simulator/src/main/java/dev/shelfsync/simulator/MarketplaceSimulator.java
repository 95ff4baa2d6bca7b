package dev.shelfsync.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Several simulated marketplaces behind one HTTP server. Each channel's push API lives under {@code /<channelId>}
 * (so the gateway's apiBaseUrl for it is {@code http://127.0.0.1:<port>/<channelId>}); a control API lives under
 * {@code /_sim/<channelId>}. Usable from JUnit ({@link #start(SimulatorConfig)}) and as a process ({@link Main}).
 */
public final class MarketplaceSimulator implements AutoCloseable {

    private final SimulatorHttpServer http;
    private final NativeOrders orders;
    private final WebhookDelivery webhooks = new WebhookDelivery();
    private final Map<String, SimulatedChannel> channels = new LinkedHashMap<>();

    private final AtomicLong orderNumbers = new AtomicLong((System.currentTimeMillis() % 1_000_000_000L) * 100);

    private MarketplaceSimulator(SimulatorConfig config) throws IOException {
        ObjectMapper mapper = JsonMapper.builder()
                .findAndAddModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
        this.orders = new NativeOrders(mapper);
        for (ChannelConfig channel : config.channels()) {
            if (channels.put(channel.id(), new SimulatedChannel(channel, mapper)) != null) {
                throw new IllegalArgumentException("duplicate channel id " + channel.id());
            }
        }
        this.http =
                new SimulatorHttpServer(config.host(), config.port(), channels, new ControlApi(this, mapper), mapper);
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
        return http.address().getPort();
    }

    /** The base URL to register as the gateway channel's apiBaseUrl. */
    public String apiBaseUrl(String channelId) {
        channel(channelId);
        return "http://" + http.address().getHostString() + ":" + port() + "/" + channelId;
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
        http.hangFor(channelId, duration.toNanos());
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

    /** A sale with or without its webhook (the control API lets a caller choose). */
    Sale sell(String channelId, String listingId, int quantity, boolean sendWebhook) {
        SimulatedChannel channel = channel(channelId);
        if (!channel.take(listingId, quantity)) {
            return Sale.notSold();
        }
        NativeOrders.Webhook webhook =
                orders.orderCreated(channel.config(), orderNumbers.incrementAndGet(), listingId, quantity);
        channel.placed(webhook, listingId, quantity);
        webhooks.keep(webhook);
        int status = sendWebhook ? webhooks.deliver(channel.config(), webhook) : 0;
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
        NativeOrders.Webhook webhook = webhooks.kept(deliveryId);
        return webhooks.deliver(channel(channelId).config(), webhook);
    }

    /**
     * Sends another webhook for an earlier sale's order under a new delivery id (see {@link #redeliver} for the same
     * one again): a duplicate with a fresh id, or with {@code asUpdate} the order's next event (WooCommerce
     * order.updated, Shopify orders/updated, Amazon another ORDER_CHANGE), as it arrives when it overtakes the
     * creation. Shopify, WooCommerce and Amazon stores only. Returns the gateway's status.
     */
    public int sendAnother(String channelId, String deliveryId, boolean asUpdate) {
        NativeOrders.Webhook webhook = webhooks.kept(deliveryId);
        ChannelConfig config = channel(channelId).config();
        NativeOrders.Webhook other = orders.another(config, webhook, asUpdate);
        webhooks.keep(other);
        return webhooks.deliver(config, other);
    }

    @Override
    public void close() {
        stop();
    }

    public void stop() {
        http.stop();
    }

    boolean hasChannel(String channelId) {
        return channels.containsKey(channelId);
    }

    private SimulatedChannel channel(String channelId) {
        SimulatedChannel channel = channels.get(channelId);
        if (channel == null) {
            throw new IllegalArgumentException("unknown simulated channel " + channelId);
        }
        return channel;
    }
}
