package dev.shelfsync.scenarios;

import dev.shelfsync.simulator.MarketplaceSimulator;
import dev.shelfsync.simulator.Push;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The flash sale's baseline of a scheduled (15-minute) sync in compressed time: each run copies the latest push the
 * store holds back for a listing onto the listing the buyers see, and records that as the push the store got.
 */
final class ScheduledSync implements Runnable {

    private final MarketplaceSimulator shop;
    private final Map<String, String> listingPerChannel;
    private final List<Push> pushes = new CopyOnWriteArrayList<>();

    ScheduledSync(MarketplaceSimulator shop, Map<String, String> listingPerChannel) {
        this.shop = shop;
        this.listingPerChannel = listingPerChannel;
    }

    @Override
    public void run() {
        listingPerChannel.forEach((channel, listing) -> {
            List<Push> received = shop.pushes(channel);
            Push latest = null;
            for (Push push : received) {
                if (push.listingId().equals(listing)) {
                    latest = push;
                }
            }
            if (latest != null) {
                shop.setListedQuantity(channel, listing, latest.quantity());
                pushes.add(
                        new Push(Instant.now(), listing, latest.quantity(), latest.version(), latest.salesInFlight()));
            }
        });
    }

    /** What the stores were set to so far, every listing's in sync order. */
    List<Push> pushes() {
        return pushes;
    }
}
