package dev.shelfsync.inventory.availability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The ring-fences on one SKU, per channel that sells it with a fence, the units moving out of fences in
 * rebalances not yet acknowledged, and the SKU's units in open reservations per channel. A fence is kept for its
 * channel until that channel's own open reservations fill it: a channel selling its fenced units frees nothing for
 * the others, and the others never eat into it. Units in transit are still the giver's to reserve (its store may
 * show them until it acknowledges the lower number) and are shown to nobody, the giver included.
 *
 * @param ringFenced per fenced channel, the units its fence keeps (its own or its channel's default)
 * @param channelDefault the channels whose fence on this SKU is their channel's default
 * @param inTransit per channel, units leaving its fence in rebalances its store has not acknowledged yet
 * @param reservedByChannel the SKU's units in open reservations, per channel
 */
public record SkuFences(
        Map<String, Integer> ringFenced,
        Set<String> channelDefault,
        Map<String, Integer> inTransit,
        Map<String, Integer> reservedByChannel) {

    public static final SkuFences NONE = new SkuFences(Map.of(), Set.of(), Map.of(), Map.of());

    /** The channel's fence on the SKU and what is left of it; null when it keeps nothing of the SKU. */
    public ChannelAvailability.FenceTerm of(String channel) {
        if (channel == null) {
            return null;
        }
        int units = ringFenced.getOrDefault(channel, 0);
        int transit = inTransit.getOrDefault(channel, 0);
        if (units + transit <= 0) {
            return null;
        }
        int reserved = reservedByChannel.getOrDefault(channel, 0);
        return new ChannelAvailability.FenceTerm(
                channel,
                units,
                channelDefault.contains(channel),
                transit,
                reserved,
                Math.max(0, units + transit - reserved));
    }

    /** The fences of every channel but {@code channel} (for null: of every channel), in channel order. */
    public List<ChannelAvailability.FenceTerm> others(String channel) {
        Set<String> channels = new TreeSet<>(ringFenced.keySet());
        channels.addAll(inTransit.keySet());
        List<ChannelAvailability.FenceTerm> others = new ArrayList<>();
        channels.stream()
                .filter(candidate -> !candidate.equals(channel))
                .map(this::of)
                .filter(fence -> fence != null)
                .forEach(others::add);
        others.sort(Comparator.comparing(ChannelAvailability.FenceTerm::channelId));
        return others;
    }

    /** What a reservation of {@code channel} may not take: what the other channels' fences still keep. */
    public int keptFrom(String channel) {
        return others(channel).stream()
                .mapToInt(ChannelAvailability.FenceTerm::remaining)
                .sum();
    }

    /**
     * Units leaving the channel's own fence that it has not sold: its store is being lowered by them, so they are
     * no longer shown to it.
     */
    public int ownInTransit(String channel) {
        ChannelAvailability.FenceTerm own = of(channel);
        return own == null ? 0 : Math.min(own.inTransit(), own.remaining());
    }

    /**
     * Per fenced channel, the units of its fence its own open reservations have not taken yet, without those in
     * transit to another fence.
     */
    public Map<String, Integer> remaining() {
        Map<String, Integer> remaining = new TreeMap<>();
        others(null)
                .forEach(
                        fence -> remaining.put(fence.channelId(), fence.remaining() - ownInTransit(fence.channelId())));
        return remaining;
    }

    /** The channels with a fence on the SKU: each is published a number of its own. */
    public Set<String> channels() {
        return remaining().keySet();
    }
}
