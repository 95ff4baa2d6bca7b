package dev.shelfsync.simulator;

import java.util.List;

/**
 * What a simulator instance hosts.
 *
 * @param host address to bind, normally 127.0.0.1
 * @param port port to bind; 0 picks a free one (read it back with {@link MarketplaceSimulator#port()})
 * @param channels the simulated marketplaces, each served under {@code /<channelId>/...}
 */
public record SimulatorConfig(String host, int port, List<ChannelConfig> channels) {

    public SimulatorConfig {
        host = host == null || host.isBlank() ? "127.0.0.1" : host;
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    public static SimulatorConfig of(ChannelConfig... channels) {
        return new SimulatorConfig("127.0.0.1", 0, List.of(channels));
    }
}
