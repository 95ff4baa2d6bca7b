package dev.shelfsync.scenarios;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Read-only queries on the services' databases for measurement: order states and timestamps (routing), the
 * reservation ledger and SKU versions (inventory), webhook intake times and push backlog (gateway). A measuring
 * tool reading timestamps; never used to change anything.
 */
final class Evidence {

    /** A routing order with its timestamps; routedAt null when never routed. */
    record OrderRow(
            String orderId,
            String channelId,
            String externalOrderId,
            String state,
            Instant createdAt,
            Instant routedAt,
            Instant finalAt) {}

    /** A reservation as the ledger recorded it. */
    record ReservationRow(long id, String sku, String orderId, Instant occurredAt) {}

    private final Deployment deployment;

    Evidence(Deployment deployment) {
        this.deployment = deployment;
    }

    private Connection connect(String service) throws SQLException {
        return LocalServers.database(deployment.database(service));
    }

    /** Orders of the given channels, by channelId/externalOrderId. */
    Map<String, OrderRow> orders(List<String> channelIds) {
        String sql =
                """
                select o.id, o.channel_id, o.external_order_id, o.state, o.created_at,
                       (select min(h.occurred_at) from order_history h where h.order_id = o.id and h.state = 'routed'),
                       o.updated_at
                  from customer_order o where o.channel_id = any(?)
                """;
        Map<String, OrderRow> rows = new HashMap<>();
        try (Connection c = connect("routing");
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", channelIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    OrderRow row = new OrderRow(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            instant(rs.getTimestamp(5)),
                            instant(rs.getTimestamp(6)),
                            instant(rs.getTimestamp(7)));
                    rows.put(SaleAnalysis.key(row.channelId(), row.externalOrderId()), row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read routing orders", e);
        }
    }

    long maxLedgerId() {
        return single("inventory", "select coalesce(max(id), 0) from ledger_entry");
    }

    List<ReservationRow> reservationsAfter(long ledgerId) {
        List<ReservationRow> rows = new ArrayList<>();
        try (Connection c = connect("inventory");
                PreparedStatement ps =
                        c.prepareStatement("select id, sku, correlation_id, occurred_at from ledger_entry"
                                + " where id > ? and reason = 'reservation' order by id")) {
            ps.setLong(1, ledgerId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new ReservationRow(
                            rs.getLong(1), rs.getString(2), rs.getString(3), instant(rs.getTimestamp(4))));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the ledger", e);
        }
    }

    /** Availability version of every SKU with the prefix. */
    Map<String, Long> versions(String skuPrefix) {
        Map<String, Long> versions = new HashMap<>();
        try (Connection c = connect("inventory");
                PreparedStatement ps =
                        c.prepareStatement("select sku, availability_version from sku where sku like ?")) {
            ps.setString(1, skuPrefix + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    versions.put(rs.getString(1), rs.getLong(2));
                }
            }
            return versions;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read SKU versions", e);
        }
    }

    /** When the gateway committed each order webhook, by channelId/externalOrderId. */
    Map<String, Instant> intakes(List<String> channelIds) {
        Map<String, Instant> rows = new HashMap<>();
        try (Connection c = connect("gateway");
                PreparedStatement ps = c.prepareStatement("select channel_id, external_order_id, received_at"
                        + " from webhook_intake where channel_id = any(?) and external_order_id is not null")) {
            ps.setArray(1, c.createArrayOf("text", channelIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.putIfAbsent(SaleAnalysis.key(rs.getString(1), rs.getString(2)), instant(rs.getTimestamp(3)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read webhook intakes", e);
        }
    }

    /** Listings of a channel waiting for a push (the gateway's `behind`: a version or sales not pushed yet). */
    long pushBacklog(String channelId) {
        try (Connection c = connect("gateway");
                PreparedStatement ps =
                        c.prepareStatement("select count(*) from listing_mapping where channel_id = ? and behind")) {
            ps.setString(1, channelId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the push backlog", e);
        }
    }

    private long single(String service, String sql) {
        try (Connection c = connect(service);
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot query " + service, e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** Waits, at most {@code seconds}, until no listing of these channels waits for a push. */
    void awaitNoPushBacklog(List<String> channels, int seconds) {
        Instant deadline = Instant.now().plusSeconds(seconds);
        while (Instant.now().isBefore(deadline)) {
            long backlog = channels.stream().mapToLong(this::pushBacklog).sum();
            if (backlog == 0) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
    }
}
