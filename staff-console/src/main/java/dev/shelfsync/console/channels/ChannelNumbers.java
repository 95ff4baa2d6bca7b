package dev.shelfsync.console.channels;

import dev.shelfsync.console.api.Answer;
import jakarta.enterprise.context.RequestScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Per channel, the listings of a SKU with what the gateway wants shown and what it last pushed to the store. */
@RequestScoped
public class ChannelNumbers {

    /** The gateway pages listings; the console reads one page of this size per channel. */
    static final int LISTINGS_PAGE = 500;

    private final GatewayApi gateway;

    public ChannelNumbers(@RestClient GatewayApi gateway) {
        this.gateway = gateway;
    }

    public Answer channels() {
        return Answer.of("channel-gateway", gateway::channels);
    }

    public Answer listings(String channelId) {
        return Answer.of("channel-gateway", () -> gateway.listings(channelId, LISTINGS_PAGE));
    }

    /** The channel's health: last push, lag, backlog, failures, rate-limit use, reconciliation drift. */
    public Answer health(String channelId) {
        return Answer.of("channel-gateway", () -> gateway.health(channelId));
    }

    /** The SKU's listings over every channel; a refusal (e.g. a role without channel access) as the answer. */
    public Answer ofSku(String sku, List<Map<String, Object>> into) {
        Answer channels = channels();
        if (!channels.ok()) {
            return channels;
        }
        List<Map<String, Object>> found = new ArrayList<>();
        for (Map<String, Object> channel : channels.list()) {
            Answer listings = listings(channel.get("id").toString());
            if (!listings.ok()) {
                return listings;
            }
            listings.list().stream()
                    .filter(listing -> sku.equals(listing.get("sku")))
                    .forEach(found::add);
        }
        into.addAll(found);
        return channels;
    }
}
