package dev.shelfsync.inventory.availability;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Computes {@code available(channel, sku)} from sellable stock per location and the channel policies. */
public final class AvailabilityCalculator {

    private AvailabilityCalculator() {}

    /** Sellable over the locations that serve every channel, for channels with neither policy nor restriction. */
    public static int defaultAvailable(List<LocationStock> stock) {
        return stock.stream()
                .filter(location -> location.servesChannels().isEmpty())
                .mapToInt(LocationStock::sellable)
                .sum();
    }

    /**
     * Availability for every channel that has a policy or that some location names, keyed by channel id in a
     * stable order.
     */
    public static Map<String, Integer> perChannel(List<LocationStock> stock, Collection<ChannelPolicy> policies) {
        Map<String, ChannelPolicy> byChannel = new TreeMap<>();
        policies.forEach(policy -> byChannel.put(policy.channelId(), policy));
        Set<String> channels = new TreeSet<>(byChannel.keySet());
        stock.forEach(location -> channels.addAll(location.servesChannels()));

        Map<String, Integer> available = new TreeMap<>();
        for (String channel : channels) {
            int pool = stock.stream()
                    .filter(location -> location.serves(channel))
                    .mapToInt(LocationStock::sellable)
                    .sum();
            available.put(
                    channel,
                    byChannel.getOrDefault(channel, ChannelPolicy.open(channel)).available(pool));
        }
        return available;
    }
}
