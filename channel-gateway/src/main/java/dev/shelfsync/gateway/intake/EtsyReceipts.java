package dev.shelfsync.gateway.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelfsync.gateway.channel.Channel;
import dev.shelfsync.gateway.config.GatewayConfig;
import dev.shelfsync.gateway.error.ProblemException;
import dev.shelfsync.gateway.marketplace.MarketplaceHttp;
import dev.shelfsync.gateway.marketplace.MarketplaceHttp.Result;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Fetches the receipt an Etsy webhook points at ({@code getShopReceipt}) from the channel's own API base URL, never
 * from the URL in the webhook. The call blocks, so it runs on a worker thread. When Etsy cannot be read the webhook
 * is answered 503 (nothing stored) and Etsy delivers it again later.
 */
@ApplicationScoped
public class EtsyReceipts {

    private final MarketplaceHttp http;

    public EtsyReceipts(ObjectMapper mapper, GatewayConfig config) {
        this.http = new MarketplaceHttp(mapper, config.pushTimeout());
    }

    /** The receipt path below the channel's API base URL. */
    public static String path(String shopId, String receiptId) {
        return "/v3/application/shops/" + MarketplaceHttp.encode(shopId) + "/receipts/"
                + MarketplaceHttp.encode(receiptId);
    }

    Uni<JsonNode> fetch(Channel channel, String shopId, String receiptId) {
        if (channel.apiBaseUrl() == null) {
            return Uni.createFrom()
                    .failure(new ProblemException(
                            503,
                            "marketplace-unavailable",
                            "Marketplace unavailable",
                            "The Etsy channel has no API base URL to fetch the receipt from."));
        }
        return Uni.createFrom()
                .item(() -> http.get(channel, path(shopId, receiptId)))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(result -> {
                    if (result instanceof Result.Ok ok) {
                        return ok.body();
                    }
                    // Throttled, down or refusing (e.g. an expired token): answer so that Etsy retries the delivery.
                    throw new ProblemException(
                            503,
                            "marketplace-unavailable",
                            "Marketplace unavailable",
                            "The receipt could not be fetched from Etsy (" + reason(result) + "); retry later.");
                });
    }

    private static String reason(Result result) {
        if (result instanceof Result.Failed failed) {
            return failed.reason();
        }
        if (result instanceof Result.Refused refused) {
            return "refused, " + refused.reason();
        }
        return "throttled";
    }
}
