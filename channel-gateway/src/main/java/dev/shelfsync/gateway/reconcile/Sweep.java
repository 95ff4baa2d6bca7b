package dev.shelfsync.gateway.reconcile;

import java.util.List;

/** What one sweep of a channel did; {@code drifted} are the listings it found showing another quantity and queued. */
record Sweep(int ordersSeen, int ordersRecovered, int listingsChecked, List<String> drifted) {}
