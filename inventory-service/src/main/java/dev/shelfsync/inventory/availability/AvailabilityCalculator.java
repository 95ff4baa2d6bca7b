package dev.shelfsync.inventory.availability;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Computes {@code available(channel, sku)} from sellable stock per location, the channel policies, the SKU's
 * ring-fences and its buffers.
 */
public final class AvailabilityCalculator {

    private AvailabilityCalculator() {}

    /**
     * For channels with neither policy nor location restriction: sellable over the locations that serve every
     * channel, less every ring-fence on the SKU.
     */
    public static int defaultAvailable(
            List<LocationStock> stock, Collection<ChannelPolicy> policies, SkuFences fences, SkuBuffers buffers) {
        return forChannel(stock, policies, fences, buffers, null).available();
    }

    /**
     * Availability for every channel that has a policy, a fence or a buffer of its own on the SKU or that some
     * location names, keyed by channel id in a stable order.
     */
    public static Map<String, Integer> perChannel(
            List<LocationStock> stock, Collection<ChannelPolicy> policies, SkuFences fences, SkuBuffers buffers) {
        Set<String> channels = new TreeSet<>();
        policies.forEach(policy -> channels.add(policy.channelId()));
        stock.forEach(location -> channels.addAll(location.servesChannels()));
        channels.addAll(fences.channels());
        channels.addAll(buffers.channels());

        Map<String, Integer> available = new TreeMap<>();
        for (String channel : channels) {
            available.put(
                    channel,
                    forChannel(stock, policies, fences, buffers, channel).available());
        }
        return available;
    }

    /**
     * One channel's availability with every term that makes it up; {@link #perChannel} and {@link
     * #defaultAvailable} publish exactly its {@code available()}.
     *
     * @param fences the ring-fences on this SKU: a channel's default fence never reaches an SKU it has no fence on
     * @param buffers what sizes the SKU's buffer on each channel
     * @param channel null for the default pool: the locations that serve every channel, less every fence
     */
    public static ChannelAvailability forChannel(
            List<LocationStock> stock,
            Collection<ChannelPolicy> policies,
            SkuFences fences,
            SkuBuffers buffers,
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
        ChannelPolicy policy = policies.stream()
                .filter(candidate -> candidate.channelId().equals(channel))
                .findFirst()
                .orElse(ChannelPolicy.open(channel));
        List<ChannelAvailability.FenceTerm> otherFences = fences.others(channel);
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
                fences.of(channel),
                fences.ownInTransit(channel),
                policy.terms(sellable, fencedForOthers + fences.ownInTransit(channel), buffers.of(policy)));
    }

    /** A bundle shows as many as its scarcest component allows, channel by channel. */
    public static int bundleAvailable(Map<String, Integer> componentAvailable, Map<String, Integer> perBundle) {
        return perBundle.entrySet().stream()
                .mapToInt(component -> componentAvailable.getOrDefault(component.getKey(), 0) / component.getValue())
                .min()
                .orElse(0);
    }
}
