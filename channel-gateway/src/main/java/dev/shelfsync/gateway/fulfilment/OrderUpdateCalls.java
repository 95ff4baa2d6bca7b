package dev.shelfsync.gateway.fulfilment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shelfsync.gateway.channel.Channel;
import dev.shelfsync.gateway.channel.EndpointGuard;
import dev.shelfsync.gateway.marketplace.MarketplaceHttp;
import dev.shelfsync.gateway.marketplace.MarketplaceHttp.Result;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Fulfilments (with tracking) and refunds in each marketplace's own API shape. Every call is safe to repeat after a
 * lost answer: Shopify fulfilments only take what is still unfulfilled, Shopify refunds carry {@code @idempotent},
 * WooCommerce updates are PUTs keyed by tracking number and refunds are looked up by RMA first, Amazon shipment
 * confirmations carry the event's id as package reference, Amazon refund feeds keep their progress on the outbound
 * call ({@link AmazonRefundFeed}), Etsy tracking is skipped when the receipt already lists the tracking code, custom
 * channels get an Idempotency-Key header.
 */
final class OrderUpdateCalls {

    private static final String SHOPIFY_FULFILLMENT_ORDERS = "query fulfillmentOrders($id: ID!) { order(id: $id) {"
            + " id fulfillmentOrders(first: 20) { nodes { id status lineItems(first: 100) {"
            + " nodes { id remainingQuantity lineItem { id } } } } } } }";
    private static final String SHOPIFY_FULFILLMENT_CREATE =
            "mutation fulfillmentCreate($fulfillment: FulfillmentInput!, $message: String) {"
                    + " fulfillmentCreate(fulfillment: $fulfillment, message: $message) {"
                    + " fulfillment { id status trackingInfo { company number url } } userErrors { field message } } }";
    private static final String SHOPIFY_REFUND_CREATE = "mutation refundCreate($input: RefundInput!) {"
            + " refundCreate(input: $input) @idempotent(key: \"%s\") { refund { id note }"
            + " userErrors { field message } } }";

    private final MarketplaceHttp http;
    private final ObjectMapper mapper;
    private final AmazonRefundFeed amazonRefunds;

    OrderUpdateCalls(MarketplaceHttp http, EndpointGuard guard) {
        this.http = http;
        this.mapper = http.mapper();
        this.amazonRefunds = new AmazonRefundFeed(http, guard);
    }

    Result perform(Channel channel, OutboundCall call, AmazonRefundFeed.Progress progress) {
        if (channel.apiBaseUrl() == null) {
            return new Result.Refused(0, "channel has no API base URL");
        }
        boolean fulfilment = call.kind().equals(OutboundCall.FULFILMENT);
        return switch (channel.type()) {
            case "shopify" -> fulfilment ? shopifyFulfilment(channel, call) : shopifyRefund(channel, call);
            case "woocommerce" -> fulfilment ? wooFulfilment(channel, call) : wooRefund(channel, call);
            case "amazon" -> fulfilment
                    ? amazonConfirmShipment(channel, call)
                    : amazonRefunds.perform(channel, call, progress);
            case "etsy" -> fulfilment
                    ? etsyTracking(channel, call)
                    : new Result.Refused(0, "Etsy refunds are issued in Shop Manager; the Open API has no refund call");
            case "custom" -> http.send(
                    channel,
                    fulfilment ? "/shelfsync/fulfilments" : "/shelfsync/refunds",
                    "POST",
                    customBody(call),
                    call.key());
            default -> new Result.Refused(0, call.kind() + " write-back is not supported for " + channel.type());
        };
    }

    // --- Shopify: find the open fulfillment order lines of the order's line items, then fulfillmentCreate.

    private Result shopifyFulfilment(Channel channel, OutboundCall call) {
        String orderGid = "gid://shopify/Order/" + call.externalOrderId();
        Result found = http.shopifyGraphql(channel, SHOPIFY_FULFILLMENT_ORDERS, Map.of("id", orderGid));
        if (!(found instanceof Result.Ok ok)) {
            return found;
        }
        JsonNode order = ok.body().path("data").path("order");
        if (order.isMissingNode() || order.isNull()) {
            return new Result.Refused(404, "order " + call.externalOrderId() + " not found on Shopify");
        }
        Map<String, Integer> wanted = new HashMap<>();
        for (JsonNode line : call.payload().path("lines")) {
            if (line.hasNonNull("lineId")) {
                wanted.merge(
                        lineGid(line.path("lineId").asText()),
                        line.path("quantity").asInt(),
                        Integer::sum);
            }
        }
        ArrayNode byFulfillmentOrder = mapper.createArrayNode();
        for (JsonNode fulfillmentOrder : order.path("fulfillmentOrders").path("nodes")) {
            ArrayNode items = mapper.createArrayNode();
            for (JsonNode item : fulfillmentOrder.path("lineItems").path("nodes")) {
                String lineItem = item.path("lineItem").path("id").asText();
                int remaining = item.path("remainingQuantity").asInt();
                Integer quantity = wanted.get(lineItem);
                if (quantity != null && quantity > 0 && remaining > 0) {
                    int take = Math.min(quantity, remaining);
                    wanted.put(lineItem, quantity - take);
                    items.addObject().put("id", item.path("id").asText()).put("quantity", take);
                }
            }
            if (!items.isEmpty()) {
                ObjectNode entry = byFulfillmentOrder.addObject();
                entry.put("fulfillmentOrderId", fulfillmentOrder.path("id").asText());
                entry.set("fulfillmentOrderLineItems", items);
            }
        }
        if (byFulfillmentOrder.isEmpty()) {
            // Nothing of it is left open: an earlier attempt went through (its answer was lost) or Shopify shipped it.
            return new Result.Ok(200, mapper.createObjectNode().put("alreadyFulfilled", true));
        }
        ObjectNode fulfillment = mapper.createObjectNode();
        fulfillment.set("lineItemsByFulfillmentOrder", byFulfillmentOrder);
        fulfillment.put("notifyCustomer", true);
        ObjectNode tracking = fulfillment.putObject("trackingInfo");
        tracking.put("company", call.payload().path("carrier").asText(null));
        tracking.put("number", call.payload().path("trackingNumber").asText(null));
        Map<String, Object> variables = new HashMap<>();
        variables.put("fulfillment", fulfillment);
        variables.put("message", "Shipped by Shelfsync");
        return userErrors(http.shopifyGraphql(channel, SHOPIFY_FULFILLMENT_CREATE, variables), "fulfillmentCreate");
    }

    private Result shopifyRefund(Channel channel, OutboundCall call) {
        ObjectNode input = mapper.createObjectNode();
        input.put("orderId", "gid://shopify/Order/" + call.externalOrderId());
        input.put("note", "Shelfsync return " + call.payload().path("rmaId").asText());
        input.put("notify", true);
        ArrayNode lines = input.putArray("refundLineItems");
        for (JsonNode line : call.payload().path("lines")) {
            if (line.hasNonNull("lineId")) {
                lines.addObject()
                        .put("lineItemId", lineGid(line.path("lineId").asText()))
                        .put("quantity", line.path("quantity").asInt())
                        // Shelfsync owns the stock: returned units are restocked by inventory-service, not Shopify.
                        .put("restockType", "NO_RESTOCK");
            }
        }
        if (lines.isEmpty()) {
            return new Result.Refused(0, "no Shopify line item for the refunded SKUs");
        }
        String mutation = SHOPIFY_REFUND_CREATE.formatted(call.key().replaceAll("[^A-Za-z0-9-]", ""));
        return userErrors(http.shopifyGraphql(channel, mutation, Map.of("input", input)), "refundCreate");
    }

    private Result userErrors(Result result, String mutation) {
        if (result instanceof Result.Ok ok) {
            JsonNode errors = ok.body().path("data").path(mutation).path("userErrors");
            if (errors.isArray() && !errors.isEmpty()) {
                return new Result.Refused(
                        200, "userErrors: " + errors.path(0).path("message").asText());
            }
        }
        return result;
    }

    private static String lineGid(String lineId) {
        return lineId.startsWith("gid://") ? lineId : "gid://shopify/LineItem/" + lineId;
    }

    // --- WooCommerce: order update with tracking in meta data; refunds after looking for an earlier one.

    private Result wooFulfilment(Channel channel, OutboundCall call) {
        ObjectNode body = mapper.createObjectNode();
        body.put("status", "completed");
        ObjectNode meta = body.putArray("meta_data").addObject();
        meta.put(
                "key",
                "_shelfsync_tracking_" + call.payload().path("trackingNumber").asText());
        ObjectNode value = meta.putObject("value");
        value.put("carrier", call.payload().path("carrier").asText(null));
        value.put("tracking_number", call.payload().path("trackingNumber").asText(null));
        value.set("lines", call.payload().path("lines"));
        return http.send(channel, wooOrder(call), "PUT", body, null);
    }

    private Result wooRefund(Channel channel, OutboundCall call) {
        String reason = "Shelfsync return " + call.payload().path("rmaId").asText();
        Result existing = http.get(channel, wooOrder(call) + "/refunds");
        if (!(existing instanceof Result.Ok refunds)) {
            return existing;
        }
        for (JsonNode refund : refunds.body()) {
            if (reason.equals(refund.path("reason").asText())) {
                return new Result.Ok(200, refund);
            }
        }
        Result orderResult = http.get(channel, wooOrder(call));
        if (!(orderResult instanceof Result.Ok order)) {
            return orderResult;
        }
        Map<String, JsonNode> orderLines = new HashMap<>();
        for (JsonNode line : order.body().path("line_items")) {
            orderLines.put(line.path("id").asText(), line);
        }
        ObjectNode body = mapper.createObjectNode();
        body.put("reason", reason);
        body.put("api_refund", true);
        body.put("api_restock", false);
        ArrayNode items = body.putArray("line_items");
        for (JsonNode line : call.payload().path("lines")) {
            JsonNode orderLine = orderLines.get(line.path("lineId").asText());
            if (orderLine == null) {
                continue;
            }
            int quantity = line.path("quantity").asInt();
            BigDecimal total = new BigDecimal(orderLine.path("total").asText("0"));
            int ordered = Math.max(1, orderLine.path("quantity").asInt(1));
            ObjectNode item = items.addObject();
            item.put("id", orderLine.path("id").asLong());
            item.put("quantity", quantity);
            item.put(
                    "refund_total",
                    total.multiply(BigDecimal.valueOf(quantity))
                            .divide(BigDecimal.valueOf(ordered), 2, RoundingMode.HALF_UP)
                            .toPlainString());
        }
        if (items.isEmpty()) {
            return new Result.Refused(0, "no WooCommerce line item for the refunded SKUs");
        }
        return http.send(channel, wooOrder(call) + "/refunds", "POST", body, null);
    }

    private static String wooOrder(OutboundCall call) {
        return "/wp-json/wc/v3/orders/" + MarketplaceHttp.encode(call.externalOrderId());
    }

    // --- Amazon SP-API Orders: confirmShipment for merchant-fulfilled orders.

    private Result amazonConfirmShipment(Channel channel, OutboundCall call) {
        ObjectNode body = mapper.createObjectNode();
        body.put("marketplaceId", channel.setting("amazonMarketplaceId", "A1PA6795UKMFR9"));
        ObjectNode detail = body.putObject("packageDetail");
        detail.put("packageReferenceId", call.key());
        detail.put("carrierCode", call.payload().path("carrier").asText("Other"));
        detail.put("trackingNumber", call.payload().path("trackingNumber").asText());
        detail.put("shipDate", Instant.now().toString());
        ArrayNode items = detail.putArray("orderItems");
        for (JsonNode line : call.payload().path("lines")) {
            if (line.hasNonNull("lineId")) {
                items.addObject()
                        .put("orderItemId", line.path("lineId").asText())
                        .put("quantity", line.path("quantity").asInt());
            }
        }
        return http.send(
                channel,
                "/orders/v0/orders/" + MarketplaceHttp.encode(call.externalOrderId()) + "/shipmentConfirmation",
                "POST",
                body,
                null);
    }

    // --- Etsy Open API v3: createReceiptShipment (tracking) once per tracking code.

    private Result etsyTracking(Channel channel, OutboundCall call) {
        String shopId = channel.setting("etsyShopId", null);
        if (shopId == null) {
            return new Result.Refused(0, "the Etsy channel has no etsyShopId setting");
        }
        String receipt = "/v3/application/shops/" + MarketplaceHttp.encode(shopId) + "/receipts/"
                + MarketplaceHttp.encode(call.externalOrderId());
        String trackingCode = call.payload().path("trackingNumber").asText();
        Result found = http.get(channel, receipt);
        if (!(found instanceof Result.Ok ok)) {
            return found;
        }
        for (JsonNode shipment : ok.body().path("shipments")) {
            if (trackingCode.equals(shipment.path("tracking_code").asText())) {
                // An earlier attempt went through and its answer was lost: Etsy already holds this tracking code.
                return new Result.Ok(200, ok.body());
            }
        }
        ObjectNode body = mapper.createObjectNode();
        body.put("tracking_code", trackingCode);
        body.put("carrier_name", call.payload().path("carrier").asText("other"));
        body.put("send_bcc", false);
        return http.send(channel, receipt + "/tracking", "POST", body, null);
    }

    private ObjectNode customBody(OutboundCall call) {
        ObjectNode body = call.payload().deepCopy();
        body.put("externalOrderId", call.externalOrderId());
        return body;
    }
}
