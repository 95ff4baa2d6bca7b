package dev.shelfsync.gateway.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shelfsync.gateway.channel.Channel;
import dev.shelfsync.gateway.intake.ParsedWebhook;
import dev.shelfsync.gateway.intake.RecoveredOrders;
import dev.shelfsync.gateway.marketplace.AmazonOrderItems;
import dev.shelfsync.gateway.marketplace.MarketplaceHttp;
import dev.shelfsync.gateway.marketplace.MarketplaceHttp.Result;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What reconciliation reads from a marketplace, in its own API: recent orders, every page (Shopify {@code orders.json}
 * following {@code Link: rel="next"} cursors, WooCommerce {@code GET /orders} up to {@code X-WP-TotalPages}, Amazon
 * {@code getOrders} following {@code NextToken}, + {@code getOrderItems}, Etsy {@code getShopReceipts} by offset).
 * The listed quantities are read by {@link ListedQuantityReads}.
 */
final class MarketplaceReads {

    /** The marketplace could not be read; the sweep stops and the next one tries again. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Orders read in one call, and where the next call continues (null when the last page was read). */
    record OrderPages(List<FetchedOrder> orders, int pages, String resumeAt) {}

    /** An order the marketplace reports, with its raw JSON for the intake record. */
    record FetchedOrder(String externalOrderId, JsonNode raw, OrderLoader loader) {}

    /** Turns a fetched order into a parsed one, fetching its items when the marketplace lists them apart. */
    interface OrderLoader {
        ParsedWebhook load();
    }

    private static final String SHOPIFY_ORDERS = "/admin/api/2025-01/orders.json";
    private static final String WOO_ORDERS = "/wp-json/wc/v3/orders";
    private static final int WOO_PAGE = 100;
    private static final String AMAZON_ORDERS = "/orders/v0/orders";
    private static final int ETSY_PAGE = 100;
    private static final Pattern ETSY_OFFSET = Pattern.compile("[?&]offset=(\\d+)");
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"?next\"?");
    private static final Pattern PAGE_INFO = Pattern.compile("[?&]page_info=([^&]+)");

    private final MarketplaceHttp http;
    private final AmazonOrderItems orderItems;

    MarketplaceReads(MarketplaceHttp http) {
        this.http = http;
        this.orderItems = new AmazonOrderItems(http);
    }

    /** Channel types whose orders and listed quantities can be read back. */
    static final List<String> TYPES = List.of("shopify", "woocommerce", "amazon", "etsy");

    static boolean supported(String type) {
        return TYPES.contains(type);
    }

    /**
     * Recent orders, page after page from {@code resumeAt} (a path an earlier call returned) or from the first page,
     * at most {@code maxPages} pages. A failing first page throws {@link Unavailable}; a failing later page ends the
     * read with what came before, to continue from that page next time (unless the marketplace refused it).
     */
    OrderPages recentOrders(Channel channel, Instant since, String resumeAt, int maxPages) {
        String path = resumeAt != null ? resumeAt : firstPage(channel, since);
        List<FetchedOrder> orders = new ArrayList<>();
        int pages = 0;
        while (path != null && pages < maxPages) {
            Result result = http.get(channel, path);
            if (!(result instanceof Result.Ok ok)) {
                if (pages == 0) {
                    throw new Unavailable(result.toString());
                }
                return new OrderPages(orders, pages, result instanceof Result.Refused ? null : path);
            }
            pages++;
            path = readPage(channel, ok, path, orders);
        }
        return new OrderPages(orders, pages, path);
    }

    private static String firstPage(Channel channel, Instant since) {
        String at = MarketplaceHttp.encode(since.truncatedTo(ChronoUnit.SECONDS).toString());
        return switch (channel.type()) {
            case "shopify" -> SHOPIFY_ORDERS + "?status=any&limit=250&updated_at_min=" + at;
            case "woocommerce" -> WOO_ORDERS + "?per_page=" + WOO_PAGE + "&after=" + at + "&page=1";
            case "amazon" -> AMAZON_ORDERS + "?MarketplaceIds=" + MarketplaceHttp.encode(amazonMarketplace(channel))
                    + "&LastUpdatedAfter=" + at + "&MaxResultsPerPage=100";
            case "etsy" -> channel.setting("etsyShopId", null) == null
                    ? null
                    : etsyReceipts(channel) + "?min_last_modified=" + since.getEpochSecond() + "&limit=" + ETSY_PAGE
                            + "&offset=0";
            default -> null;
        };
    }

    /** Adds the page's orders and returns the path of the next page, null after the last. */
    private String readPage(Channel channel, Result.Ok page, String path, List<FetchedOrder> orders) {
        switch (channel.type()) {
            case "shopify" -> {
                for (JsonNode order : page.body().path("orders")) {
                    orders.add(
                            new FetchedOrder(order.path("id").asText(), order, () -> RecoveredOrders.shopify(order)));
                }
                // Link: <...orders.json?limit=250&page_info=...>; rel="next". Only the cursor is taken from it: the
                // request goes to the channel's own base URL, never to a URL the answer names.
                String pageInfo = shopifyNextPageInfo(page);
                return pageInfo == null
                        ? null
                        : SHOPIFY_ORDERS + "?limit=250&page_info=" + MarketplaceHttp.encode(pageInfo);
            }
            case "woocommerce" -> {
                for (JsonNode order : page.body()) {
                    orders.add(new FetchedOrder(
                            order.path("id").asText(), order, () -> RecoveredOrders.woocommerce(order)));
                }
                int at = path.lastIndexOf("&page=");
                int current = Integer.parseInt(path.substring(at + "&page=".length()));
                String total = page.headers().firstValue("X-WP-TotalPages").orElse(null);
                boolean more = total != null && total.trim().matches("\\d{1,9}")
                        ? current < Integer.parseInt(total.trim())
                        : page.body().size() >= WOO_PAGE;
                return more ? path.substring(0, at) + "&page=" + (current + 1) : null;
            }
            case "amazon" -> {
                JsonNode payload = page.body().path("payload");
                for (JsonNode order : payload.path("Orders")) {
                    String id = order.path("AmazonOrderId").asText();
                    orders.add(new FetchedOrder(
                            id, order, () -> RecoveredOrders.amazon(order, ok(orderItems.fetch(channel, id)))));
                }
                String token = payload.path("NextToken").asText("");
                return token.isBlank()
                        ? null
                        : AMAZON_ORDERS + "?MarketplaceIds=" + MarketplaceHttp.encode(amazonMarketplace(channel))
                                + "&NextToken=" + MarketplaceHttp.encode(token);
            }
            case "etsy" -> {
                JsonNode results = page.body().path("results");
                for (JsonNode receipt : results) {
                    orders.add(new FetchedOrder(
                            receipt.path("receipt_id").asText(), receipt, () -> RecoveredOrders.etsy(receipt)));
                }
                Matcher offset = ETSY_OFFSET.matcher(path);
                if (results.size() < ETSY_PAGE || !offset.find()) {
                    return null;
                }
                return path.substring(0, offset.start(1))
                        + (Integer.parseInt(offset.group(1)) + results.size())
                        + path.substring(offset.end(1));
            }
            default -> {
                return null;
            }
        }
    }

    private static String shopifyNextPageInfo(Result.Ok page) {
        for (String value : page.headers().allValues("Link")) {
            Matcher next = NEXT_LINK.matcher(value);
            while (next.find()) {
                Matcher pageInfo = PAGE_INFO.matcher(next.group(1));
                if (pageInfo.find()) {
                    return URLDecoder.decode(pageInfo.group(1), StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }

    private static String amazonMarketplace(Channel channel) {
        return channel.setting("amazonMarketplaceId", "A1PA6795UKMFR9");
    }

    private static String etsyReceipts(Channel channel) {
        return "/v3/application/shops/" + MarketplaceHttp.encode(channel.setting("etsyShopId", "")) + "/receipts";
    }

    /** The answer's body; any other result makes the marketplace {@link Unavailable} for this sweep. */
    static JsonNode ok(Result result) {
        if (result instanceof Result.Ok ok) {
            return ok.body();
        }
        throw new Unavailable(result.toString());
    }

    static Set<String> ids(List<FetchedOrder> orders) {
        return orders.stream().map(FetchedOrder::externalOrderId).collect(Collectors.toSet());
    }
}
