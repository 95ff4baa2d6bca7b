package dev.shelfsync.inventory.availability;

import java.util.List;

/**
 * How one SKU's availability for one channel comes about: the stock at the locations that serve the channel, the
 * units other channels' fences keep from it, and the channel's policy applied to the rest. Computed by {@link
 * AvailabilityCalculator#forChannel}, which is also what the published availability is taken from.
 *
 * @param channelId null for the default pool (channels with neither a policy nor a location naming them)
 * @param locations the active locations that serve the channel, with their states
 * @param otherLocations ids of active locations holding the SKU that do not serve the channel
 * @param sellable sellable units over {@code locations}
 * @param otherFences the fences other channels hold on this SKU and what is left of each
 * @param fencedForOthers the sum of what is left of them
 * @param ownFence this channel's fence on the SKU and what is left of it, null when it keeps none of the SKU
 * @param ownInTransit units leaving the channel's own fence in a rebalance its store has not acknowledged yet (and it
 *     has not sold): shown to it no longer
 * @param policy the channel's policy applied to {@code sellable - fencedForOthers - ownInTransit}
 */
public record ChannelAvailability(
        String channelId,
        List<LocationStock> locations,
        List<String> otherLocations,
        int sellable,
        List<FenceTerm> otherFences,
        int fencedForOthers,
        FenceTerm ownFence,
        int ownInTransit,
        PolicyTerms policy) {

    public int available() {
        return policy.available();
    }

    /**
     * A channel's ring-fence on the SKU.
     *
     * @param ringFenced the channel's fence on the SKU
     * @param channelDefault whether it is the channel's default rather than units set for this SKU
     * @param inTransit units moving out of the fence in a rebalance the channel's store has not acknowledged yet
     * @param reservedByChannel units of the SKU in the channel's own open reservations, which fill the fence
     * @param remaining {@code ringFenced + inTransit - reservedByChannel}, never below 0: what it still keeps from
     *     others
     */
    public record FenceTerm(
            String channelId,
            int ringFenced,
            boolean channelDefault,
            int inTransit,
            int reservedByChannel,
            int remaining) {}
}
