package dev.shelfsync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * One simulated marketplace: its own listed quantities, the pushes it accepted, its rate limit and injected failures.
 * All state changes are guarded by the instance's monitor; the push log is safe to read at any time.
 */
final class SimulatedChannel {

    private final ChannelConfig config;
    private final ObjectMapper mapper;
    private final SimulatedOrders orders;
    private final SimulatedAmazonFeeds feeds;
    private final ListingPushes listingPushes;
    private final Map<String, Integer> listings = new LinkedHashMap<>();
    private final List<Push> pushes = new CopyOnWriteArrayList<>();
    // Versions and sales in flight per listing of the push being handled (handlePush is synchronized).
    private Map<String, Long> versionsOfThisPush = Map.of();
    private Map<String, Set<String>> salesOfThisPush = Map.of();
    // Pushes are accepted and recorded but do not change what buyers see (a scheduled sync copies them later).
    private boolean holdPushes;
    private final List<Instant> acceptedRequests = new CopyOnWriteArrayList<>();
    private final ArrayDeque<Long> window = new ArrayDeque<>();
    private int rejectedRequests;
    private int failStatus;
    private long failUntilNanos;

    SimulatedChannel(ChannelConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
        this.orders = SimulatedOrders.of(config.type(), mapper);
        this.feeds = new SimulatedAmazonFeeds(mapper, orders);
        this.listingPushes = new ListingPushes(config.type(), mapper);
        listings.putAll(config.listings());
    }

    ChannelConfig config() {
        return config;
    }

    synchronized Integer listed(String listingId) {
        return listings.get(listingId);
    }

    synchronized Map<String, Integer> listings() {
        return new LinkedHashMap<>(listings);
    }

    synchronized void setListed(String listingId, int quantity) {
        listings.put(listingId, quantity);
    }

    List<Push> pushes() {
        return List.copyOf(pushes);
    }

    List<Instant> acceptedRequests() {
        return List.copyOf(acceptedRequests);
    }

    synchronized int rejectedRequests() {
        return rejectedRequests;
    }

    synchronized void failFor(int status, long millis) {
        failStatus = status;
        failUntilNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** Takes the quantity off the listing if it is there; a real marketplace sells only what it shows. */
    synchronized boolean take(String listingId, int quantity) {
        Integer listed = listings.get(listingId);
        if (listed == null || quantity <= 0 || listed < quantity) {
            return false;
        }
        listings.put(listingId, listed - quantity);
        return true;
    }

    synchronized void placed(NativeOrders.Webhook webhook, String listingId, int quantity) {
        orders.placed(webhook, listingId, quantity);
    }

    List<OrderUpdate> orderUpdates() {
        return orders.updates();
    }

    List<AmazonFeed> amazonFeeds() {
        return feeds.feeds();
    }

    synchronized void failNextCreateFeeds(int times, boolean afterCreating) {
        feeds.failNextCreates(times, afterCreating);
    }

    synchronized int orderReads() {
        return orders.orderReads();
    }

    synchronized void orderPageSize(int size) {
        orders.pageSize(size);
    }

    /**
     * Handles any request to this channel's API; {@code path} is below the channel prefix. Order calls and reads
     * (order lists, fulfilments, refunds, listed quantities) are subject to injected failures but not to the push
     * rate limit and are not counted as accepted push requests.
     */
    synchronized Reply handle(String method, String path, String query, Map<String, String> headers, byte[] body) {
        if (System.nanoTime() < failUntilNanos) {
            rejectedRequests++;
            return failed();
        }
        boolean amazon = config.type().equals("amazon");
        if (amazon && path.startsWith(SimulatedAmazonFeeds.UPLOADS)) {
            return feeds.upload(method, path, query, headers, body);
        }
        Reply reply;
        try {
            JsonNode json = body == null || body.length == 0 ? mapper.createObjectNode() : mapper.readTree(body);
            String origin = "http://" + headers.getOrDefault("host", "127.0.0.1") + "/" + config.id();
            if (amazon && path.startsWith(SimulatedAmazonFeeds.FEEDS)) {
                return feeds.handle(method, path, query, json, origin);
            }
            reply = orders.handle(method, path, query, json, listings, origin);
        } catch (Exception e) {
            return unreadable(e);
        }
        return reply != null ? reply : handlePush(method, path, headers, body);
    }

    /** Handles a push request to this channel's API; {@code path} is below the channel prefix. */
    synchronized Reply handlePush(String method, String path, Map<String, String> headers, byte[] body) {
        long now = System.nanoTime();
        if (now < failUntilNanos) {
            rejectedRequests++;
            return failed();
        }
        while (!window.isEmpty() && now - window.peekFirst() >= TimeUnit.SECONDS.toNanos(1)) {
            window.pollFirst();
        }
        if (window.size() >= config.rateLimitPerSecond()) {
            rejectedRequests++;
            return throttled();
        }
        Reply reply;
        try {
            versionsOfThisPush = PushHeaders.versions(headers.get(PushHeaders.VERSIONS_HEADER.toLowerCase()));
            salesOfThisPush = PushHeaders.salesInFlight(headers.get(PushHeaders.SALES_HEADER.toLowerCase()));
            reply = listingPushes.handle(method, path, body, listings, this::apply);
        } catch (Exception e) {
            reply = unreadable(e);
        }
        if (reply.status() < 300) {
            window.addLast(now);
            acceptedRequests.add(Instant.now());
        }
        return reply;
    }

    synchronized void holdPushes() {
        holdPushes = true;
    }

    /** Shopify pushes refused because the store's quantity had moved. */
    synchronized int staleComparisons() {
        return listingPushes.staleComparisons();
    }

    private int apply(String listingId, int quantity) {
        Integer before = holdPushes ? listings.get(listingId) : listings.put(listingId, quantity);
        pushes.add(new Push(
                Instant.now(),
                listingId,
                quantity,
                versionsOfThisPush.get(listingId),
                salesOfThisPush.getOrDefault(listingId, Set.of())));
        return before == null ? 0 : before;
    }

    private Reply failed() {
        return failStatus == 429 ? throttled() : Reply.error(mapper, failStatus, "simulated outage");
    }

    private Reply throttled() {
        return new Reply(429, Reply.errors(mapper, "rate limit exceeded"), Map.of("Retry-After", "1"));
    }

    private Reply unreadable(Exception e) {
        return Reply.error(mapper, 400, "unreadable request: " + e.getMessage());
    }
}
