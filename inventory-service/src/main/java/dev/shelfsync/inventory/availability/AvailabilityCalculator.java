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
    public static int defaultAvailable(
            List<LocationStock> stock, Collection<ChannelPolicy> policies, Map<String, Integer> reservedByChannel) {
        int pool = stock.stream()
                .filter(location -> location.servesChannels().isEmpty())
                .mapToInt(LocationStock::sellable)
                .sum();
        return Math.max(0, pool - fencedForOthers(policies, null, reservedByChannel));
    }

    /**
     * Availability for every channel that has a policy or that some location names, keyed by channel id in a
     * stable order.
     */
    public static Map<String, Integer> perChannel(
            List<LocationStock> stock, Collection<ChannelPolicy> policies, Map<String, Integer> reservedByChannel) {
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
            available.put(channel, policy.available(pool, fencedForOthers(policies, channel, reservedByChannel)));
        }
        return available;
    }

    /**
     * Units still ring-fenced for channels other than {@code channel} (for null: for any channel). A fence is kept
     * for its channel until that channel's own open reservations fill it: units a channel has reserved count
     * against its fence, so a channel selling its fenced units frees nothing for the others, and the others never
     * eat into it.
     *
     * @param reservedByChannel the SKU's units in open reservations, per channel
     */
    public static int fencedForOthers(
            Collection<ChannelPolicy> policies, String channel, Map<String, Integer> reservedByChannel) {
        return policies.stream()
                .filter(policy -> !policy.channelId().equals(channel))
                .mapToInt(policy ->
                        Math.max(0, policy.ringFenced() - reservedByChannel.getOrDefault(policy.channelId(), 0)))
                .sum();
    }

    /** Per channel with a fence, the units of it its own open reservations have not taken yet. */
    public static Map<String, Integer> remainingFences(
            Collection<ChannelPolicy> policies, Map<String, Integer> reservedByChannel) {
        Map<String, Integer> remaining = new TreeMap<>();
        policies.stream()
                .filter(policy -> policy.ringFenced() > 0)
                .forEach(policy -> remaining.put(
                        policy.channelId(),
                        Math.max(0, policy.ringFenced() - reservedByChannel.getOrDefault(policy.channelId(), 0))));
        return remaining;
    }

    /** Whether any channel has a fence; only then do reservations per channel matter. */
    public static boolean anyFence(Collection<ChannelPolicy> policies) {
        return policies.stream().anyMatch(policy -> policy.ringFenced() > 0);
    }

    /** A bundle shows as many as its scarcest component allows, channel by channel. */
    public static int bundleAvailable(Map<String, Integer> componentAvailable, Map<String, Integer> perBundle) {
        return perBundle.entrySet().stream()
                .mapToInt(component -> componentAvailable.getOrDefault(component.getKey(), 0) / component.getValue())
                .min()
                .orElse(0);
    }
}
