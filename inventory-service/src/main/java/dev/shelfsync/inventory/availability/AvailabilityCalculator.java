package dev.shelfsync.inventory.availability;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
        return forChannel(stock, policies, reservedByChannel, null).available();
    }

    /**
     * Availability for every channel that has a policy or that some location names, keyed by channel id in a
     * stable order.
     */
    public static Map<String, Integer> perChannel(
            List<LocationStock> stock, Collection<ChannelPolicy> policies, Map<String, Integer> reservedByChannel) {
        Set<String> channels = new TreeSet<>();
        policies.forEach(policy -> channels.add(policy.channelId()));
        stock.forEach(location -> channels.addAll(location.servesChannels()));

        Map<String, Integer> available = new TreeMap<>();
        for (String channel : channels) {
            available.put(
                    channel,
                    forChannel(stock, policies, reservedByChannel, channel).available());
        }
        return available;
    }

    /**
     * One channel's availability with every term that makes it up; {@link #perChannel} and {@link
     * #defaultAvailable} publish exactly its {@code available()}.
     *
     * @param channel null for the default pool: the locations that serve every channel, less every fence
     */
    public static ChannelAvailability forChannel(
            List<LocationStock> stock,
            Collection<ChannelPolicy> policies,
            Map<String, Integer> reservedByChannel,
            String channel) {
        List<LocationStock> serving = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (LocationStock location : stock) {
            if (channel == null ? location.servesChannels().isEmpty() : location.serves(channel)) {
                serving.add(location);
            } else {
                others.add(location.locationId());
            }
        }
        int sellable = serving.stream().mapToInt(LocationStock::sellable).sum();
        List<ChannelAvailability.FenceTerm> otherFences = new ArrayList<>();
        ChannelAvailability.FenceTerm ownFence = null;
        ChannelPolicy policy = ChannelPolicy.open(channel);
        for (ChannelPolicy candidate : policies) {
            ChannelAvailability.FenceTerm fence = fence(candidate, reservedByChannel);
            if (candidate.channelId().equals(channel)) {
                policy = candidate;
                ownFence = fence;
            } else if (fence != null) {
                otherFences.add(fence);
            }
        }
        otherFences.sort(Comparator.comparing(ChannelAvailability.FenceTerm::channelId));
        int fencedForOthers = otherFences.stream()
                .mapToInt(ChannelAvailability.FenceTerm::remaining)
                .sum();
        return new ChannelAvailability(
                channel,
                serving,
                others,
                sellable,
                otherFences,
                fencedForOthers,
                ownFence,
                policy.terms(sellable, fencedForOthers));
    }

    /** The channel's fence and what of it its own open reservations have not taken yet; null without a fence. */
    private static ChannelAvailability.FenceTerm fence(ChannelPolicy policy, Map<String, Integer> reservedByChannel) {
        if (policy.ringFenced() <= 0) {
            return null;
        }
        int reserved = reservedByChannel.getOrDefault(policy.channelId(), 0);
        return new ChannelAvailability.FenceTerm(
                policy.channelId(), policy.ringFenced(), reserved, Math.max(0, policy.ringFenced() - reserved));
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
                .map(policy -> fence(policy, reservedByChannel))
                .filter(Objects::nonNull)
                .mapToInt(ChannelAvailability.FenceTerm::remaining)
                .sum();
    }

    /** Per channel with a fence, the units of it its own open reservations have not taken yet. */
    public static Map<String, Integer> remainingFences(
            Collection<ChannelPolicy> policies, Map<String, Integer> reservedByChannel) {
        Map<String, Integer> remaining = new TreeMap<>();
        policies.stream()
                .map(policy -> fence(policy, reservedByChannel))
                .filter(Objects::nonNull)
                .forEach(fence -> remaining.put(fence.channelId(), fence.remaining()));
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
