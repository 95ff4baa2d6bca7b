package dev.shelfsync.inventory.availability;

import java.util.List;

/**
 * Why a channel is told what it is told for one SKU: the published number and each term it is computed from.
 *
 * @param availabilityVersion the version of the SKU's latest availability event, whose numbers these are
 * @param available what that event gives the channel
 * @param terms how {@code available} is made up; null for a bundle
 * @param components for a bundle, each component with its units per bundle and its own terms; {@code available}
 *     is the smallest {@code component available / units per bundle}
 */
public record AvailabilityExplanation(
        String sku,
        String channelId,
        long availabilityVersion,
        int available,
        ChannelAvailability terms,
        List<Component> components) {

    /** One component of a bundle. */
    public record Component(String sku, int unitsPerBundle, ChannelAvailability terms) {}
}
