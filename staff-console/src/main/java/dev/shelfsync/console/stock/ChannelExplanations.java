package dev.shelfsync.console.stock;

import dev.shelfsync.console.api.Answer;
import dev.shelfsync.console.channels.GatewayApi;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.RequestScoped;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Why each channel listing an SKU shows what it shows: inventory's terms (stock per location, other channels'
 * fences, share, buffer, cap, backorder) beside the gateway's (sales in flight, pack, what was pushed and
 * acknowledged). The services compute every figure; the console only lays them side by side.
 */
@RequestScoped
public class ChannelExplanations {

    private final InventoryApi inventory;
    private final GatewayApi gateway;

    public ChannelExplanations(@RestClient InventoryApi inventory, @RestClient GatewayApi gateway) {
        this.inventory = inventory;
        this.gateway = gateway;
    }

    /** One explanation per channel among {@code listings} (the SKU's listings over every channel). */
    List<Explained> of(String sku, List<Map<String, Object>> listings) {
        return listings.stream()
                .map(listing -> String.valueOf(listing.get("channelId")))
                .distinct()
                .map(channelId -> explain(sku, channelId))
                .toList();
    }

    private Explained explain(String sku, String channelId) {
        Answer terms = Answer.of("inventory-service", () -> inventory.explanation(sku, channelId));
        Answer push = Answer.of("channel-gateway", () -> gateway.explanation(channelId, sku));
        return new Explained(channelId, terms.object(), terms.problem(), push.object(), push.problem());
    }

    /**
     * One channel's number explained; a side that refused is shown as its problem in words.
     *
     * @param inventory inventory's {@code GET /skus/{sku}/explanation?channel=} answer
     * @param gateway the gateway's {@code GET /channels/{id}/listings/{sku}/explanation} answer
     */
    @TemplateData
    public record Explained(
            String channelId,
            Map<String, Object> inventory,
            String inventoryProblem,
            Map<String, Object> gateway,
            String gatewayProblem) {

        /** The gateway computes from an older availability than inventory's latest: a newer number is on its way. */
        public boolean gatewayBehind() {
            if (inventory == null || gateway == null || !(gateway.get("available") instanceof Map<?, ?> available)) {
                return false;
            }
            return available.get("version") instanceof Number received
                    && inventory.get("availabilityVersion") instanceof Number latest
                    && received.longValue() < latest.longValue();
        }
    }
}
