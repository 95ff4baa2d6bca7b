package dev.shelfsync.gateway.fulfilment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * What an Amazon refund feed says: per returned order item, the returned units' share of the item's principal
 * ({@code ItemPrice} is the price of all {@code QuantityOrdered} units, rounded to the currency's digits), written as
 * an {@code AmazonEnvelope} with one {@code OrderAdjustment} message, reason {@code CustomerReturn}. The refund's
 * lines name the order item by line id or, without one, by seller SKU.
 */
final class OrderAdjustmentDocument {

    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private OrderAdjustmentDocument() {}

    /** One returned order item: its returned units' share of the item's principal. */
    record Adjustment(String orderItemId, BigDecimal principal, String currency) {}

    /** Null when a refunded item has no price to take the refund from. */
    static Map<String, Adjustment> adjustments(OutboundCall call, JsonNode orderItems) {
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
    static byte[] envelope(String merchant, String amazonOrderId, Iterable<Adjustment> adjustments) {
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
}
