package dev.shelfsync.gateway.fulfilment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shelfsync.gateway.channel.Channel;
import dev.shelfsync.gateway.channel.EndpointGuard;
import dev.shelfsync.gateway.error.ProblemException;
import dev.shelfsync.gateway.marketplace.AmazonOrderItems;
import dev.shelfsync.gateway.marketplace.MarketplaceHttp;
import dev.shelfsync.gateway.marketplace.MarketplaceHttp.Result;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Refunds on Amazon for seller-fulfilled orders, through the SP-API Feeds API (2021-06-30): an {@code OrderAdjustment}
 * feed ({@code POST_PAYMENT_ADJUSTMENT_DATA}) with one {@code AdjustedItem} per returned order item, reason
 * {@code CustomerReturn}, refunding the returned units' share of the item's principal. The refund event carries units,
 * not money, so the amounts come from the order itself ({@code getOrderItems}: {@code ItemPrice} is the price of all
 * {@code QuantityOrdered} units), as the WooCommerce refund takes the returned share of its line total. Tax and
 * shipping are not adjusted.
 *
 * <p>Steps: read the order items, {@code createFeedDocument}, PUT the XML to the pre-signed upload URL (checked against
 * SSRF, sent without the access token: the URL signs itself), {@code createFeed}. A feed cannot be created twice
 * safely, so the outbound-call row keeps the progress: once a feed id is known the call is done; before
 * {@code createFeed} the time of asking is stored, and when its answer is lost (timeout, 5xx) the next attempt lists
 * the payment-adjustment feeds created since then and creates none if one it cannot account for exists (the call is
 * then rejected for a person to check in Seller Central rather than refunding twice). What the feed says is
 * {@link OrderAdjustmentDocument}'s.
 */
final class AmazonRefundFeed {

    static final String FEED_TYPE = "POST_PAYMENT_ADJUSTMENT_DATA";
    static final String CONTENT_TYPE = "text/xml; charset=UTF-8";
    private static final String FEEDS = "/feeds/2021-06-30";
    /** Allowed difference between this host's clock and Amazon's when looking for a feed whose answer was lost. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /** What the outbound-call row remembers between attempts. Blocking. */
    interface Progress {
        void save(ObjectNode progress);

        /** Feed ids that earlier refunds of this channel recorded, so a lost answer is not mistaken for theirs. */
        Set<String> knownFeedIds(String channelId);
    }

    private final MarketplaceHttp http;
    private final AmazonOrderItems orderItems;
    private final EndpointGuard guard;
    private final ObjectMapper mapper;

    AmazonRefundFeed(MarketplaceHttp http, EndpointGuard guard) {
        this.http = http;
        this.orderItems = new AmazonOrderItems(http);
        this.guard = guard;
        this.mapper = http.mapper();
    }

    Result perform(Channel channel, OutboundCall call, Progress progress) {
        String sellerId = channel.setting("amazonSellerId", null);
        if (sellerId == null || sellerId.isBlank()) {
            return new Result.Refused(0, "the Amazon channel has no amazonSellerId setting (the feed's merchant)");
        }
        String marketplaceId = channel.setting("amazonMarketplaceId", "A1PA6795UKMFR9");
        ObjectNode state = call.progress() instanceof ObjectNode stored ? stored.deepCopy() : mapper.createObjectNode();
        if (state.hasNonNull("feedId")) {
            return done(state);
        }
        if (state.hasNonNull("feedRequestedAt")) {
            Result unaccounted = unaccountedFeeds(channel, marketplaceId, state, progress);
            if (unaccounted != null) {
                return unaccounted;
            }
            state.remove("feedRequestedAt");
        }
        if (!state.path("uploaded").asBoolean(false)) {
            Result uploaded = upload(channel, call, sellerId, state);
            if (!(uploaded instanceof Result.Ok)) {
                return uploaded;
            }
            progress.save(state);
        }
        state.put("feedRequestedAt", Instant.now().toString());
        progress.save(state);
        ObjectNode feed = mapper.createObjectNode();
        feed.put("feedType", FEED_TYPE);
        feed.putArray("marketplaceIds").add(marketplaceId);
        feed.put("inputFeedDocumentId", state.path("feedDocumentId").asText());
        Result created = http.send(channel, FEEDS + "/feeds", "POST", feed, null);
        if (created instanceof Result.Ok ok && ok.body().hasNonNull("feedId")) {
            state.put("feedId", ok.body().path("feedId").asText());
            progress.save(state);
            return done(state);
        }
        if (created instanceof Result.Throttled || created instanceof Result.Refused) {
            // Amazon turned the request itself away: no feed exists, the next attempt need not look for one.
            state.remove("feedRequestedAt");
            progress.save(state);
        }
        return created instanceof Result.Ok ? new Result.Failed("createFeed answered without a feedId") : created;
    }

    /** Null when no feed was created since the lost answer; otherwise what to report instead of creating one. */
    private Result unaccountedFeeds(Channel channel, String marketplaceId, ObjectNode state, Progress progress) {
        Instant requestedAt;
        try {
            requestedAt = Instant.parse(state.path("feedRequestedAt").asText());
        } catch (DateTimeParseException e) {
            return new Result.Refused(0, "unreadable feed progress on the outbound call");
        }
        String since = requestedAt.minus(CLOCK_SKEW).toString();
        Result listed = http.get(
                channel,
                FEEDS + "/feeds?feedTypes=" + FEED_TYPE + "&marketplaceIds=" + MarketplaceHttp.encode(marketplaceId)
                        + "&pageSize=100&createdSince=" + MarketplaceHttp.encode(since));
        if (!(listed instanceof Result.Ok ok)) {
            return listed;
        }
        Set<String> known = progress.knownFeedIds(channel.id());
        List<String> unknown = new ArrayList<>();
        for (JsonNode feed : ok.body().path("feeds")) {
            String feedId = feed.path("feedId").asText();
            if (!known.contains(feedId)) {
                unknown.add(feedId);
            }
        }
        if (unknown.isEmpty() && !ok.body().hasNonNull("nextToken")) {
            return null;
        }
        return new Result.Refused(
                0,
                "createFeed's answer was lost and payment adjustment feeds " + unknown
                        + " were created since; check them in Seller Central before refunding again");
    }

    private Result upload(Channel channel, OutboundCall call, String sellerId, ObjectNode state) {
        Result items = orderItems.fetch(channel, call.externalOrderId());
        if (!(items instanceof Result.Ok ok)) {
            return items;
        }
        Map<String, OrderAdjustmentDocument.Adjustment> adjustments = OrderAdjustmentDocument.adjustments(
                call, ok.body().path("payload").path("OrderItems"));
        if (adjustments == null) {
            return new Result.Refused(0, "an Amazon order item of the refund has no ItemPrice");
        }
        if (adjustments.isEmpty()) {
            return new Result.Refused(0, "no Amazon order item for the refunded SKUs");
        }
        byte[] document = OrderAdjustmentDocument.envelope(sellerId, call.externalOrderId(), adjustments.values());
        ObjectNode request = mapper.createObjectNode().put("contentType", CONTENT_TYPE);
        Result created = http.send(channel, FEEDS + "/documents", "POST", request, null);
        if (!(created instanceof Result.Ok answer)) {
            return created;
        }
        String feedDocumentId = answer.body().path("feedDocumentId").asText("");
        String url = answer.body().path("url").asText("");
        if (feedDocumentId.isBlank() || url.isBlank()) {
            return new Result.Failed("createFeedDocument answered without a document id or URL");
        }
        try {
            guard.checkHandedOut(url);
        } catch (ProblemException e) {
            return new Result.Refused(0, "feed upload URL refused: " + e.getMessage());
        }
        Result put = http.upload(url, CONTENT_TYPE, document);
        if (put instanceof Result.Refused refused) {
            // Most likely the URL expired (S3 answers 403): the next attempt asks for a new document.
            return new Result.Failed("feed upload refused: " + refused.reason());
        }
        if (!(put instanceof Result.Ok)) {
            return put;
        }
        state.put("feedDocumentId", feedDocumentId);
        state.put("uploaded", true);
        return put;
    }

    private Result done(ObjectNode state) {
        ObjectNode result = mapper.createObjectNode();
        result.put("feedId", state.path("feedId").asText());
        result.put("feedType", FEED_TYPE);
        result.put("feedDocumentId", state.path("feedDocumentId").asText(null));
        return new Result.Ok(202, result);
    }
}
