package dev.shelfsync.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shelfsync.simulator.MarketplaceSimulator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What must hold once a fault is over, read from the services' own databases and the simulated stores: every sale
 * is exactly one order in routing and at most one reservation effect in inventory, no order is left
 * {@code received}, the ledger adds up to the stock, every outbox is empty, the gateway has pushed every desired
 * version and every store shows what inventory says it should.
 */
public final class ChaosInvariants {

    /** The findings of one check; {@link #holds()} when every count is zero. */
    public record Verdict(
            int sales,
            int lost,
            int duplicated,
            int stuckReceived,
            int notReserved,
            int doubleReserved,
            int ledgerMismatches,
            long outboxBacklog,
            long pushBacklog,
            int storesDiverged,
            String unreachable) {

        public boolean holds() {
            return unreachable == null
                    && lost == 0
                    && duplicated == 0
                    && stuckReceived == 0
                    && notReserved == 0
                    && doubleReserved == 0
                    && ledgerMismatches == 0
                    && outboxBacklog == 0
                    && pushBacklog == 0
                    && storesDiverged == 0;
        }

        /** Only lost and doubled effects are errors however long one waits; the rest is "not converged yet". */
        public boolean violated() {
            return duplicated > 0 || doubleReserved > 0;
        }

        public String summary() {
            if (unreachable != null) {
                return "cannot check yet: " + unreachable;
            }
            return String.format(
                    "sales so far %d, without an order %d, duplicated %d, received %d, unreserved %d, double-reserved %d, ledger"
                            + " mismatches %d, outbox %d, push backlog %d, stores diverged %d",
                    sales,
                    lost,
                    duplicated,
                    stuckReceived,
                    notReserved,
                    doubleReserved,
                    ledgerMismatches,
                    outboxBacklog,
                    pushBacklog,
                    storesDiverged);
        }
    }

    private final Deployment deployment;
    private final Shelfsync shelfsync;
    private final MarketplaceSimulator shop;
    private final List<OrderStream.Listing> listings = new CopyOnWriteArrayList<>();
    private final List<String> channels = new CopyOnWriteArrayList<>();

    ChaosInvariants(Shelfsync shelfsync, MarketplaceSimulator shop, List<OrderStream.Listing> listings) {
        this.deployment = shelfsync.system().deployment();
        this.shelfsync = shelfsync;
        this.shop = shop;
        watch(listings);
    }

    /** Checks these listings (and their channels' orders) too from now on, e.g. a flash sale's. */
    void watch(List<OrderStream.Listing> more) {
        listings.addAll(more);
        more.stream().map(OrderStream.Listing::channelId).distinct().forEach(channel -> {
            if (!channels.contains(channel)) {
                channels.add(channel);
            }
        });
    }

    /** Of these sales (channelId/externalOrderId), how many the gateway took in from reconciliation's order reads. */
    int recoveredByReconciliation(Set<String> sales) throws SQLException {
        int recovered = 0;
        try (Connection c = connect("gateway");
                PreparedStatement ps = c.prepareStatement("select channel_id, external_order_id from webhook_intake"
                        + " where channel_id = any(?) and delivery_id like 'reconcile:%' and status = 'accepted'")) {
            ps.setArray(1, c.createArrayOf("text", channels.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    recovered += sales.contains(SaleAnalysis.key(rs.getString(1), rs.getString(2))) ? 1 : 0;
                }
            }
        }
        return recovered;
    }

    /** Drift the gateway's reconciliation found on the run's listings so far (alerting counts each detection). */
    int driftDetected() throws SQLException {
        try (Connection c = connect("alerting");
                PreparedStatement ps = c.prepareStatement("select coalesce(sum(occurrences), 0) from alert"
                        + " where type = 'channel-drift' and details ->> 'channelId' = any(?)")) {
            ps.setArray(1, c.createArrayOf("text", channels.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Orders of these sales that inventory refused (backordered, unfulfillable or cancelled): oversold units. */
    int refused(Set<String> sales) throws SQLException {
        int refused = 0;
        for (Map.Entry<String, List<String[]>> order : orders().entrySet()) {
            if (sales.contains(order.getKey())) {
                for (String[] row : order.getValue()) {
                    refused += SaleAnalysis.OVERSOLD_STATES.contains(row[1]) ? 1 : 0;
                }
            }
        }
        return refused;
    }

    Verdict check(Set<String> sales) {
        try {
            Map<String, List<String[]>> orders = orders();
            int lost = 0;
            int duplicated = 0;
            for (String sale : sales) {
                int count = orders.getOrDefault(sale, List.of()).size();
                lost += count == 0 ? 1 : 0;
                duplicated += count > 1 ? 1 : 0;
            }
            Map<String, Integer> reserved = reservedPerOrder();
            int stuck = 0;
            int notReserved = 0;
            int doubleReserved = 0;
            for (List<String[]> rows : orders.values()) {
                for (String[] row : rows) {
                    String state = row[1];
                    int units = reserved.getOrDefault(row[0], 0);
                    stuck += state.equals("received") ? 1 : 0;
                    // every sale is one unit of a SKU with ample stock: it must be routed with one reserved unit
                    notReserved += !state.equals("received") && units == 0 ? 1 : 0;
                    doubleReserved += units > 1 ? 1 : 0;
                }
            }
            return new Verdict(
                    sales.size(),
                    lost,
                    duplicated,
                    stuck,
                    notReserved,
                    doubleReserved,
                    ledgerMismatches(),
                    outboxBacklog(),
                    pushBacklog(),
                    storesDiverged(),
                    null);
        } catch (SQLException | RuntimeException e) {
            return new Verdict(sales.size(), 0, 0, 0, 0, 0, 0, 0, 0, 0, oneLine(e));
        }
    }

    /** Routing's orders of the run's channels: key -> rows of (order id, state). */
    private Map<String, List<String[]>> orders() throws SQLException {
        Map<String, List<String[]>> orders = new HashMap<>();
        try (Connection c = connect("routing");
                PreparedStatement ps = c.prepareStatement("select channel_id, external_order_id, id, state"
                        + " from customer_order where channel_id = any(?)")) {
            ps.setArray(1, c.createArrayOf("text", channels.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    orders.computeIfAbsent(SaleAnalysis.key(rs.getString(1), rs.getString(2)), k -> new ArrayList<>())
                            .add(new String[] {rs.getString(3), rs.getString(4)});
                }
            }
        }
        return orders;
    }

    /** Units the ledger reserved per order (its correlation id), net of releases. */
    private Map<String, Integer> reservedPerOrder() throws SQLException {
        Map<String, Integer> reserved = new HashMap<>();
        try (Connection c = connect("inventory");
                PreparedStatement ps = c.prepareStatement("select correlation_id, sum(reserved_delta) from ledger_entry"
                        + " where reason = 'reservation' and correlation_id is not null group by correlation_id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                reserved.put(rs.getString(1), rs.getInt(2));
            }
        }
        return reserved;
    }

    /** Stock levels that are not what their ledger entries add up to (the ledger replayed). */
    private int ledgerMismatches() throws SQLException {
        return (int)
                count(
                        "inventory",
                        """
                select count(*) from stock_level s
                  left join (select sku, location_id, sum(on_hand_delta) on_hand, sum(reserved_delta) reserved
                               from ledger_entry group by sku, location_id) l
                    on l.sku = s.sku and l.location_id = s.location_id
                 where s.on_hand <> coalesce(l.on_hand, 0) or s.reserved <> coalesce(l.reserved, 0)
                """);
    }

    private long outboxBacklog() throws SQLException {
        long backlog = 0;
        for (String service : LocalSystem.SERVICES.keySet()) {
            backlog += count(service, "select count(*) from outbox_message");
        }
        return backlog;
    }

    private long pushBacklog() throws SQLException {
        try (Connection c = connect("gateway");
                PreparedStatement ps = c.prepareStatement(
                        "select count(*) from listing_mapping where channel_id = any(?) and behind")) {
            ps.setArray(1, c.createArrayOf("text", channels.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Listings whose store quantity differs from what inventory's availability says the channel should show. */
    int storesDiverged() {
        return diverged().size();
    }

    /** channel/listing -> "listed vs expected" for every listing that differs. */
    Map<String, String> diverged() {
        Map<String, JsonNode> availability = new HashMap<>();
        Map<String, String> diverged = new LinkedHashMap<>();
        for (OrderStream.Listing listing : listings) {
            JsonNode numbers = availability.computeIfAbsent(listing.sku(), shelfsync::availability);
            JsonNode perChannel = numbers.path("channels").path(listing.channelId());
            int expected = perChannel.isMissingNode()
                    ? numbers.path("defaultAvailable").asInt()
                    : perChannel.asInt();
            Integer listed = shop.listedQuantity(listing.channelId(), listing.listingId());
            if (listed == null || listed != expected) {
                diverged.put(listing.channelId() + "/" + listing.listingId(), listed + " vs " + expected);
            }
        }
        return diverged;
    }

    private long count(String service, String sql) throws SQLException {
        try (Connection c = connect(service);
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Connection connect(String service) throws SQLException {
        return LocalServers.database(deployment.database(service));
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
