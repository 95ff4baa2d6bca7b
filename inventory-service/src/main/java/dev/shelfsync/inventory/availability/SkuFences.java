package dev.shelfsync.inventory.availability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The ring-fences on one SKU, per channel that sells it with a fence, and the SKU's units in open reservations
 * per channel. A fence is kept for its channel until that channel's own open reservations fill it: a channel
 * selling its fenced units frees nothing for the others, and the others never eat into it.
 *
 * @param ringFenced per fenced channel, the units its fence keeps (its own or its channel's default)
 * @param channelDefault the channels whose fence on this SKU is their channel's default
 * @param reservedByChannel the SKU's units in open reservations, per channel
 */
public record SkuFences(
        Map<String, Integer> ringFenced, Set<String> channelDefault, Map<String, Integer> reservedByChannel) {

    public static final SkuFences NONE = new SkuFences(Map.of(), Set.of(), Map.of());

    /** The channel's fence on the SKU and what is left of it; null when it keeps nothing of the SKU. */
    public ChannelAvailability.FenceTerm of(String channel) {
        Integer units = channel == null ? null : ringFenced.get(channel);
        if (units == null || units <= 0) {
            return null;
        }
        int reserved = reservedByChannel.getOrDefault(channel, 0);
        return new ChannelAvailability.FenceTerm(
                channel, units, channelDefault.contains(channel), reserved, Math.max(0, units - reserved));
    }

    /** The fences of every channel but {@code channel} (for null: of every channel), in channel order. */
    public List<ChannelAvailability.FenceTerm> others(String channel) {
        List<ChannelAvailability.FenceTerm> others = new ArrayList<>();
        ringFenced.keySet().stream()
                .filter(candidate -> !candidate.equals(channel))
                .map(this::of)
                .filter(fence -> fence != null)
                .forEach(others::add);
        others.sort(Comparator.comparing(ChannelAvailability.FenceTerm::channelId));
        return others;
    }

    /** Units still fenced for channels other than {@code channel} (for null: for any channel). */
    public int forOthers(String channel) {
        return others(channel).stream()
                .mapToInt(ChannelAvailability.FenceTerm::remaining)
                .sum();
    }

    /** Per fenced channel, the units of its fence its own open reservations have not taken yet. */
    public Map<String, Integer> remaining() {
        Map<String, Integer> remaining = new TreeMap<>();
        others(null).forEach(fence -> remaining.put(fence.channelId(), fence.remaining()));
        return remaining;
    }

    /** The channels with a fence on the SKU: each is published a number of its own. */
    public Set<String> channels() {
        return remaining().keySet();
    }
}
