package dev.shelfsync.gateway.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shelfsync.gateway.channel.Channel;
import dev.shelfsync.gateway.marketplace.MarketplaceHttp.Result;
import java.util.HashSet;
import java.util.Set;

/**
 * SP-API {@code getOrderItems} ({@code GET /orders/v0/orders/{orderId}/orderItems}), every page: Amazon splits long
 * item lists and hands out a {@code NextToken} for the rest. Used by webhook intake and reconciliation alike, so an
 * order reads the same whichever way it arrives. Blocking; call from a worker thread.
 */
public final class AmazonOrderItems {

    /** More pages than any real order has; beyond it the answer is treated as broken, not followed forever. */
    static final int MAX_PAGES = 20;

    private final MarketplaceHttp http;

    public AmazonOrderItems(MarketplaceHttp http) {
        this.http = http;
    }

    /**
     * @return {@link Result.Ok} whose body is {@code {"payload": {"AmazonOrderId", "OrderItems": [every page]}}}, or
     *     the first page's failure as it came back (429 stays {@link Result.Throttled} with its pause)
     */
    public Result fetch(Channel channel, String amazonOrderId) {
        ObjectNode merged = http.mapper().createObjectNode();
        ObjectNode payload = merged.putObject("payload");
        payload.put("AmazonOrderId", amazonOrderId);
        ArrayNode items = payload.putArray("OrderItems");
        String path = "/orders/v0/orders/" + MarketplaceHttp.encode(amazonOrderId) + "/orderItems";
        Set<String> tokens = new HashSet<>();
        String token = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            Result result =
                    http.get(channel, token == null ? path : path + "?NextToken=" + MarketplaceHttp.encode(token));
            if (!(result instanceof Result.Ok ok)) {
                return result;
            }
            JsonNode body = ok.body().path("payload");
            body.path("OrderItems").forEach(item -> items.add(item.deepCopy()));
            token = body.path("NextToken").asText("");
            if (token.isBlank()) {
                return new Result.Ok(ok.status(), merged);
            }
            if (!tokens.add(token)) {
                return new Result.Failed("getOrderItems repeated its NextToken");
            }
        }
        return new Result.Failed("getOrderItems has more than " + MAX_PAGES + " pages");
    }
}
