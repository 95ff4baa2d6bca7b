package dev.shelfsync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The simulator's own HTTP API under {@code /_sim/<channelId>/<action>}, for a simulator run as a process: the same
 * look-ups and buyer actions as {@link MarketplaceSimulator}'s Java methods (see docs/channel-gateway.md).
 */
final class ControlApi {

    private final MarketplaceSimulator simulator;
    private final ObjectMapper mapper;

    ControlApi(MarketplaceSimulator simulator, ObjectMapper mapper) {
        this.simulator = simulator;
        this.mapper = mapper;
    }

    /** Answers a control request; {@code parts} are the path's segments, {@code _sim} first. */
    Reply handle(String method, List<String> parts, byte[] body) throws IOException {
        if (parts.size() < 3 || !simulator.hasChannel(parts.get(1))) {
            return Reply.json(404, Map.of("error", "unknown channel or control path"));
        }
        String channelId = parts.get(1);
        String action = parts.get(2);
        switch (method + " " + action) {
            case "GET listings":
                return Reply.json(200, simulator.listings(channelId));
            case "GET pushes":
                return Reply.json(200, simulator.pushes(channelId));
            case "GET stats":
                return Reply.json(
                        200,
                        Map.of(
                                "acceptedRequests",
                                        simulator.acceptedRequests(channelId).size(),
                                "rejectedRequests", simulator.rejectedRequests(channelId)));
            case "POST sell": {
                JsonNode request = mapper.readTree(body);
                String listingId = request.path("listingId").asText(null);
                if (listingId == null) {
                    return Reply.json(400, Map.of("error", "listingId is required"));
                }
                return Reply.json(
                        200,
                        simulator.sell(
                                channelId,
                                listingId,
                                request.path("quantity").asInt(1),
                                request.path("webhook").asBoolean(true)));
            }
            case "GET order-updates":
                return Reply.json(200, simulator.orderUpdates(channelId));
            case "GET amazon-feeds":
                return Reply.json(200, simulator.amazonFeeds(channelId));
            case "POST fail": {
                JsonNode request = mapper.readTree(body);
                simulator.failFor(channelId, request.path("status").asInt(500), Duration.ofMillis((long)
                        (request.path("seconds").asDouble(10) * 1000)));
                return Reply.json(204, null);
            }
            default:
                return Reply.json(404, Map.of("error", "unknown control action"));
        }
    }
}
