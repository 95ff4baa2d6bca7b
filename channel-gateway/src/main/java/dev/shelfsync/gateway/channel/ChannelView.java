package dev.shelfsync.gateway.channel;

import java.util.List;
import java.util.Map;

/** A channel as the API shows it: which credentials are configured, never their values. */
public record ChannelView(
        String id,
        String type,
        String name,
        String apiBaseUrl,
        int rateLimitPerSecond,
        boolean active,
        Map<String, String> settings,
        List<String> credentialsConfigured) {

    static ChannelView of(Channel channel) {
        return new ChannelView(
                channel.id(),
                channel.type(),
                channel.name(),
                channel.apiBaseUrl(),
                channel.rateLimitPerSecond(),
                channel.active(),
                channel.settings(),
                channel.credentials().keySet().stream().sorted().toList());
    }
}
