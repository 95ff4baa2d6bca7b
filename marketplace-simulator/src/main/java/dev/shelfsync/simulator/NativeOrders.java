package dev.shelfsync.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Builds a sale as each marketplace's own order webhook: body plus the headers it signs and dedupes with. One builder
 * per marketplace knows its format; this class picks it by the channel's type.
 */
final class NativeOrders {

    /** A ready-to-send webhook; kept so that the same delivery can be sent again. */
    record Webhook(
            String path,
            byte[] body,
            Map<String, String> headers,
            String externalOrderId,
            String deliveryId,
            ObjectNode order,
            String lineId) {

        /** The same order's webhook as a later delivery with its own id, body and headers. */
        Webhook redelivery(String deliveryId, byte[] body, Map<String, String> headers) {
            return new Webhook(path, body, headers, externalOrderId, deliveryId, order, lineId);
        }
    }

    private final ShopifyWebhooks shopify;
    private final WooCommerceWebhooks woocommerce;
    private final AmazonWebhooks amazon;
    private final EtsyWebhooks etsy;

    NativeOrders(ObjectMapper mapper) {
        this.shopify = new ShopifyWebhooks(mapper);
        this.woocommerce = new WooCommerceWebhooks(mapper);
        this.amazon = new AmazonWebhooks(mapper);
        this.etsy = new EtsyWebhooks(mapper);
    }

    Webhook orderCreated(ChannelConfig channel, long orderNumber, String listingId, int quantity) {
        return switch (channel.type()) {
            case "woocommerce" -> woocommerce.orderCreated(channel, orderNumber, listingId, quantity);
            case "amazon" -> amazon.orderCreated(channel, orderNumber, listingId, quantity);
            case "etsy" -> etsy.orderCreated(channel, orderNumber, listingId, quantity);
            default -> shopify.orderCreated(channel, orderNumber, listingId, quantity);
        };
    }

    /**
     * The same order's webhook under a new delivery id: a duplicate the marketplace sends with a fresh id, or, with
     * {@code asUpdate}, the order's next event (WooCommerce {@code order.updated}, Shopify {@code orders/updated},
     * Amazon another {@code ORDER_CHANGE} notification), which can overtake the creation.
     */
    Webhook another(ChannelConfig channel, Webhook webhook, boolean asUpdate) {
        return switch (channel.type()) {
            case "woocommerce" -> woocommerce.another(channel, webhook, asUpdate);
            case "shopify" -> shopify.another(channel, webhook, asUpdate);
            case "amazon" -> amazon.another(channel, webhook, asUpdate);
            default -> throw new IllegalArgumentException("no second webhook for a " + channel.type() + " order");
        };
    }

    static byte[] bytes(ObjectMapper mapper, ObjectNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
