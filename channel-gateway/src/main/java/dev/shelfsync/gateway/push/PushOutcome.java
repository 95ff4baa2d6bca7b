package dev.shelfsync.gateway.push;

import java.time.Duration;
import java.util.Set;

/** How a push request ended, whatever the marketplace: what {@link ChannelPusher} does next depends only on this. */
sealed interface PushOutcome {
    record Accepted() implements PushOutcome {}

    record Throttled(Duration retryAfter) implements PushOutcome {}

    record Failed(String reason) implements PushOutcome {}

    record Rejected(String reason) implements PushOutcome {}

    /**
     * Shopify refused a compare-and-set: the store's quantity is no longer what Shelfsync last knew (a sale whose
     * webhook is still on its way, or a change made in the store). Nothing was changed.
     *
     * @param listingIds the listings whose comparison failed; all of the request's when Shopify does not say
     */
    record Stale(Set<String> listingIds) implements PushOutcome {}
}
