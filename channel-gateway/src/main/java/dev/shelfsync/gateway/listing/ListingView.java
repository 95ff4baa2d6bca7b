package dev.shelfsync.gateway.listing;

import java.time.OffsetDateTime;

/** A listing mapping with what it should show (and from which availability version) and what was last pushed. */
public record ListingView(
        String channelId,
        String listingId,
        String sku,
        int packSize,
        String inventoryItemId,
        Integer desiredQuantity,
        Long desiredVersion,
        Integer pushedQuantity,
        Long pushedVersion,
        OffsetDateTime pushedAt,
        String pushError) {}
