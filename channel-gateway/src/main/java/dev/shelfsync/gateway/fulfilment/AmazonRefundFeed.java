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
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

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
 * then rejected for a person to check in Seller Central rather than refunding twice).
 */
final class AmazonRefundFeed {

    static final String FEED_TYPE = "POST_PAYMENT_ADJUSTMENT_DATA";
    static final String CONTENT_TYPE = "text/xml; charset=UTF-8";
    private static final String FEEDS = "/feeds/2021-06-30";
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
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
        Map<String, Adjustment> adjustments =
                adjustments(call, ok.body().path("payload").path("OrderItems"));
        if (adjustments == null) {
            return new Result.Refused(0, "an Amazon order item of the refund has no ItemPrice");
        }
        if (adjustments.isEmpty()) {
            return new Result.Refused(0, "no Amazon order item for the refunded SKUs");
        }
        byte[] document = envelope(sellerId, call.externalOrderId(), adjustments.values());
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

    /** One returned order item: its returned units' share of the item's principal. */
    private record Adjustment(String orderItemId, BigDecimal principal, String currency) {}

    /** Null when a refunded item has no price to take the refund from. */
    private static Map<String, Adjustment> adjustments(OutboundCall call, JsonNode orderItems) {
        Map<String, Integer> units = new LinkedHashMap<>();
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (JsonNode line : call.payload().path("lines")) {
            JsonNode item = null;
            for (JsonNode candidate : orderItems) {
                boolean sameLine = line.hasNonNull("lineId")
                        && line.path("lineId")
                                .asText()
                                .equals(candidate.path("OrderItemId").asText());
                boolean sameSku = !line.hasNonNull("lineId")
                        && line.hasNonNull("listingId")
                        && line.path("listingId")
                                .asText()
                                .equals(candidate.path("SellerSKU").asText());
                if (sameLine || sameSku) {
                    item = candidate;
                    break;
                }
            }
            if (item != null && line.path("quantity").asInt() > 0) {
                String id = item.path("OrderItemId").asText();
                byId.put(id, item);
                units.merge(id, line.path("quantity").asInt(), Integer::sum);
            }
        }
        Map<String, Adjustment> adjustments = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> entry : units.entrySet()) {
            JsonNode item = byId.get(entry.getKey());
            JsonNode price = item.path("ItemPrice");
            if (!price.hasNonNull("Amount") || !price.hasNonNull("CurrencyCode")) {
                return null;
            }
            int ordered = Math.max(1, item.path("QuantityOrdered").asInt(1));
            int returned = Math.min(entry.getValue(), ordered);
            String currency = price.path("CurrencyCode").asText();
            BigDecimal principal = new BigDecimal(price.path("Amount").asText())
                    .multiply(BigDecimal.valueOf(returned))
                    .divide(BigDecimal.valueOf(ordered), fractionDigits(currency), RoundingMode.HALF_UP);
            adjustments.put(entry.getKey(), new Adjustment(entry.getKey(), principal, currency));
        }
        return adjustments;
    }

    private static int fractionDigits(String currency) {
        try {
            return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            return 2;
        }
    }

    /** The feed document: an AmazonEnvelope with one OrderAdjustment message for the order. */
    private static byte[] envelope(String merchant, String amazonOrderId, Iterable<Adjustment> adjustments) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("AmazonEnvelope");
            xml.writeNamespace("xsi", XSI);
            xml.writeAttribute("xsi", XSI, "noNamespaceSchemaLocation", "amzn-envelope.xsd");
            xml.writeStartElement("Header");
            element(xml, "DocumentVersion", "1.01");
            element(xml, "MerchantIdentifier", merchant);
            xml.writeEndElement();
            element(xml, "MessageType", "OrderAdjustment");
            xml.writeStartElement("Message");
            element(xml, "MessageID", "1");
            xml.writeStartElement("OrderAdjustment");
            element(xml, "AmazonOrderID", amazonOrderId);
            for (Adjustment adjustment : adjustments) {
                xml.writeStartElement("AdjustedItem");
                element(xml, "AmazonOrderItemCode", adjustment.orderItemId());
                element(xml, "AdjustmentReason", "CustomerReturn");
                xml.writeStartElement("ItemPriceAdjustments");
                xml.writeStartElement("Component");
                element(xml, "Type", "Principal");
                xml.writeStartElement("Amount");
                xml.writeAttribute("currency", adjustment.currency());
                xml.writeCharacters(adjustment.principal().toPlainString());
                xml.writeEndElement();
                xml.writeEndElement();
                xml.writeEndElement();
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the OrderAdjustment feed", e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private Result done(ObjectNode state) {
        ObjectNode result = mapper.createObjectNode();
        result.put("feedId", state.path("feedId").asText());
        result.put("feedType", FEED_TYPE);
        result.put("feedDocumentId", state.path("feedDocumentId").asText(null));
        return new Result.Ok(202, result);
    }
}
