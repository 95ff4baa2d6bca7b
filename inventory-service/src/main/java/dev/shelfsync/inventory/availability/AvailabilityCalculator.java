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

    /**
     * For channels with neither policy nor location restriction: sellable over the locations that serve every
     * channel, less every ring-fence.
     */
    public static int defaultAvailable(List<LocationStock> stock, Collection<ChannelPolicy> policies) {
        int pool = stock.stream()
                .filter(location -> location.servesChannels().isEmpty())
                .mapToInt(LocationStock::sellable)
                .sum();
        return Math.max(0, pool - fencedForOthers(policies, null));
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
            ChannelPolicy policy = byChannel.getOrDefault(channel, ChannelPolicy.open(channel));
            available.put(channel, policy.available(pool, fencedForOthers(policies, channel)));
        }
        return available;
    }

    /** Units ring-fenced for channels other than {@code channel} (for null: for any channel). */
    public static int fencedForOthers(Collection<ChannelPolicy> policies, String channel) {
        return policies.stream()
                .filter(policy -> !policy.channelId().equals(channel))
                .mapToInt(ChannelPolicy::ringFenced)
                .sum();
    }

    /** A bundle shows as many as its scarcest component allows, channel by channel. */
    public static int bundleAvailable(Map<String, Integer> componentAvailable, Map<String, Integer> perBundle) {
        return perBundle.entrySet().stream()
                .mapToInt(component -> componentAvailable.getOrDefault(component.getKey(), 0) / component.getValue())
                .min()
                .orElse(0);
    }
}
