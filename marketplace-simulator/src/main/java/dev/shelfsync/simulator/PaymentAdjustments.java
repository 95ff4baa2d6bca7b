package dev.shelfsync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The refunds in an Amazon {@code POST_PAYMENT_ADJUSTMENT_DATA} feed: reads its OrderAdjustment XML and checks each
 * message against the order and what was refunded before; the Feeds API around it only stores and lists documents.
 * Guarded by the owning {@link SimulatedChannel}'s monitor.
 */
final class PaymentAdjustments {

    private final SimulatedOrders orders;
    private final Map<String, Integer> refundedUnits = new HashMap<>();

    PaymentAdjustments(SimulatedOrders orders) {
        this.orders = orders;
    }

    /**
     * Applies every OrderAdjustment message: each adjusted item must be an item of the order, its Principal a whole
     * number of units at the item's unit price ({@code ItemPrice / QuantityOrdered}) and, with what was refunded
     * before, no more than was ordered. Valid messages become one refund each.
     */
    List<String> apply(String feedId, String content) {
        List<String> errors = new ArrayList<>();
        Document xml;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            xml = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            errors.add("the document is not well-formed XML");
            return errors;
        }
        Element envelope = xml.getDocumentElement();
        if (!envelope.getTagName().equals("AmazonEnvelope")
                || !text(envelope, "MessageType").equals("OrderAdjustment")
                || text(first(envelope, "Header"), "MerchantIdentifier").isBlank()) {
            errors.add("not an OrderAdjustment envelope with a MerchantIdentifier");
            return errors;
        }
        for (Element message : children(envelope, "Message")) {
            Element adjustment = first(message, "OrderAdjustment");
            String orderId = text(adjustment, "AmazonOrderID");
            Map<String, Integer> lines = new LinkedHashMap<>();
            List<String> messageErrors = new ArrayList<>();
            for (Element item : children(adjustment, "AdjustedItem")) {
                String code = text(item, "AmazonOrderItemCode");
                JsonNode ordered = orders.amazonOrderItem(orderId, code);
                if (ordered == null) {
                    messageErrors.add(orderId + "/" + code + ": no such order item");
                    continue;
                }
                if (text(item, "AdjustmentReason").isBlank()) {
                    messageErrors.add(orderId + "/" + code + ": AdjustmentReason is required");
                    continue;
                }
                BigDecimal principal = BigDecimal.ZERO;
                String currency = ordered.path("ItemPrice").path("CurrencyCode").asText();
                for (Element component : children(first(item, "ItemPriceAdjustments"), "Component")) {
                    Element amount = first(component, "Amount");
                    if (text(component, "Type").equals("Principal") && amount != null) {
                        if (!currency.equals(amount.getAttribute("currency"))) {
                            messageErrors.add(orderId + "/" + code + ": currency differs from the order's");
                        }
                        principal = principal.add(
                                new BigDecimal(amount.getTextContent().trim()));
                    }
                }
                int quantity = ordered.path("QuantityOrdered").asInt(1);
                BigDecimal unit = new BigDecimal(
                                ordered.path("ItemPrice").path("Amount").asText("0"))
                        .divide(BigDecimal.valueOf(quantity), 2, RoundingMode.HALF_UP);
                BigDecimal[] units = principal.divideAndRemainder(unit);
                String key = orderId + "/" + code;
                int already = refundedUnits.getOrDefault(key, 0);
                if (principal.signum() <= 0 || units[1].signum() != 0 || units[0].intValue() + already > quantity) {
                    messageErrors.add(key + ": principal " + principal + " is not a refundable number of units");
                    continue;
                }
                lines.merge(code, units[0].intValue(), Integer::sum);
            }
            errors.addAll(messageErrors);
            if (messageErrors.isEmpty() && !lines.isEmpty()) {
                lines.forEach((code, count) -> refundedUnits.merge(orderId + "/" + code, count, Integer::sum));
                orders.refunded(new OrderUpdate(Instant.now(), "refund", orderId, null, null, lines, feedId));
            }
        }
        return errors;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static Element first(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static String text(Element parent, String name) {
        Element element = first(parent, name);
        return element == null ? "" : element.getTextContent().trim();
    }
}
