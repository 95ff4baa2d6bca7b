package dev.shelfsync.gateway.fulfilment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shelfsync.contracts.orders.OrderShipped;
import dev.shelfsync.contracts.returns.RefundDue;
import dev.shelfsync.platform.inbox.Inbox;
import dev.shelfsync.platform.messaging.PoisonMessage;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The outbound-call outbox: marketplace calls stored in the transaction that consumed their event (with the inbox
 * row), claimed by senders with {@code FOR UPDATE SKIP LOCKED} and a claim timeout, so several replicas share the work
 * and a sender that dies mid-call only delays the call until its claim runs out.
 */
@ApplicationScoped
public class OutboundCallStore {

    private static final String LINES = "select line_id, listing_id, sku, pack_size, quantity from channel_order_line"
            + " where channel_id = $1 and external_order_id = $2 order by line_id";
    private static final String INSERT = "insert into outbound_call"
            + " (source_message_id, channel_id, kind, external_order_id, payload) values ($1, $2, $3, $4, $5)"
            + " on conflict (source_message_id) do nothing";
    private static final String CLAIM = "update outbound_call set attempts = attempts + 1,"
            + " next_attempt_at = now() + $2::bigint * interval '1 millisecond'"
            + " where id in (select id from outbound_call where status = 'pending' and next_attempt_at <= now()"
            + " order by id limit $1 for update skip locked)"
            + " returning id, source_message_id, channel_id, kind, external_order_id, payload, attempts, progress";

    private record StoredLine(String lineId, String listingId, String sku, int packSize, int quantity) {}

    private final Pool pool;
    private final Inbox inbox;
    private final ObjectMapper mapper;

    public OutboundCallStore(Pool pool, Inbox inbox, ObjectMapper mapper) {
        this.pool = pool;
        this.inbox = inbox;
        this.mapper = mapper;
    }

    /** @return true when a new call was stored */
    Uni<Boolean> enqueueShipment(String messageId, OrderShipped shipped) {
        return enqueue(messageId, shipped.channelId(), shipped.externalOrderId(), OutboundCall.FULFILMENT, lines -> {
            ObjectNode payload = mapper.createObjectNode();
            payload.put("orderId", shipped.orderId());
            payload.put("carrier", shipped.carrier());
            payload.put("trackingNumber", shipped.trackingNumber());
            ArrayNode out = payload.putArray("lines");
            for (OrderShipped.ShippedLine line :
                    shipped.lines() == null ? List.<OrderShipped.ShippedLine>of() : shipped.lines()) {
                StoredLine stored = lines.stream()
                        .filter(candidate -> candidate.lineId().equals(line.lineId()))
                        .findFirst()
                        .or(() -> lines.stream()
                                .filter(candidate -> candidate.sku().equals(line.sku()))
                                .findFirst())
                        .orElse(null);
                ObjectNode entry = out.addObject();
                if (stored == null) {
                    entry.put("lineId", line.lineId());
                    entry.put("sku", line.sku());
                    entry.put("quantity", line.quantity());
                } else {
                    entry.put("lineId", stored.lineId());
                    entry.put("listingId", stored.listingId());
                    entry.put("sku", stored.sku());
                    entry.put("quantity", Math.max(1, line.quantity() / stored.packSize()));
                }
            }
            return payload;
        });
    }

    /** @return true when a new call was stored */
    Uni<Boolean> enqueueRefund(String messageId, RefundDue refund) {
        return enqueue(messageId, refund.channelId(), refund.externalOrderId(), OutboundCall.REFUND, lines -> {
            ObjectNode payload = mapper.createObjectNode();
            payload.put("rmaId", refund.rmaId());
            ArrayNode out = payload.putArray("lines");
            for (RefundDue.RefundLine line :
                    refund.lines() == null ? List.<RefundDue.RefundLine>of() : refund.lines()) {
                int units = line.quantity();
                for (StoredLine stored : lines) {
                    if (units <= 0 || !stored.sku().equals(line.sku())) {
                        continue;
                    }
                    int listingUnits = Math.min(stored.quantity(), Math.max(1, units / stored.packSize()));
                    ObjectNode entry = out.addObject();
                    entry.put("lineId", stored.lineId());
                    entry.put("listingId", stored.listingId());
                    entry.put("sku", stored.sku());
                    entry.put("quantity", listingUnits);
                    units -= listingUnits * stored.packSize();
                }
                if (units == line.quantity()) {
                    ObjectNode entry = out.addObject();
                    entry.putNull("lineId");
                    entry.put("sku", line.sku());
                    entry.put("quantity", units);
                }
            }
            return payload;
        });
    }

    private interface PayloadBuilder {
        ObjectNode build(List<StoredLine> lines);
    }

    private Uni<Boolean> enqueue(
            String messageId, String channelId, String externalOrderId, String kind, PayloadBuilder builder) {
        return pool.withTransaction(tx -> inbox.firstDelivery(tx, messageId).flatMap(first -> {
            if (!first) {
                return Uni.createFrom().item(false);
            }
            return tx.preparedQuery("select 1 from channel where id = $1")
                    .execute(Tuple.of(channelId))
                    .flatMap(channel -> {
                        if (channel.size() == 0) {
                            throw new PoisonMessage("order update for unknown channel " + channelId);
                        }
                        return lines(tx, channelId, externalOrderId);
                    })
                    .flatMap(lines -> tx.preparedQuery(INSERT)
                            .execute(Tuple.of(messageId, channelId, kind, externalOrderId, json(builder.build(lines))))
                            .map(rows -> rows.rowCount() == 1));
        }));
    }

    private Uni<List<StoredLine>> lines(SqlConnection tx, String channelId, String externalOrderId) {
        return tx.preparedQuery(LINES)
                .execute(Tuple.of(channelId, externalOrderId))
                .map(rows -> {
                    List<StoredLine> lines = new ArrayList<>();
                    for (Row row : rows) {
                        lines.add(new StoredLine(
                                row.getString("line_id"),
                                row.getString("listing_id"),
                                row.getString("sku"),
                                row.getInteger("pack_size"),
                                row.getInteger("quantity")));
                    }
                    return lines;
                });
    }

    /**
     * How long until the next pending call is due (zero or negative: now), or null when none is pending. A claimed call
     * counts too: its claim moved its due time to when the claim runs out.
     */
    Uni<Duration> nextDue() {
        return pool.query("select extract(epoch from min(next_attempt_at) - now()) * 1000 as due_in_ms"
                        + " from outbound_call where status = 'pending'")
                .execute()
                .map(rows -> {
                    Double dueIn = rows.iterator().next().getDouble("due_in_ms");
                    return dueIn == null ? null : Duration.ofMillis((long) Math.ceil(dueIn));
                });
    }

    /** Claims due calls; a claim not completed within {@code claimFor} makes the call due again. */
    Uni<List<OutboundCall>> claim(int limit, Duration claimFor) {
        return pool.preparedQuery(CLAIM)
                .execute(Tuple.of(limit, claimFor.toMillis()))
                .map(rows -> {
                    List<OutboundCall> calls = new ArrayList<>();
                    for (Row row : rows) {
                        calls.add(new OutboundCall(
                                row.getLong("id"),
                                row.getString("source_message_id"),
                                row.getString("channel_id"),
                                row.getString("kind"),
                                row.getString("external_order_id"),
                                tree(row.getJsonObject("payload")),
                                row.getInteger("attempts"),
                                row.getJsonObject("progress") == null
                                        ? mapper.createObjectNode()
                                        : tree(row.getJsonObject("progress"))));
                    }
                    return calls;
                });
    }

    Uni<Void> sent(long id, JsonNode result) {
        return pool.preparedQuery("update outbound_call set status = 'sent', sent_at = now(), last_error = null,"
                        + " result = $2 where id = $1")
                .execute(Tuple.of(id, result == null ? null : json(result)))
                .replaceWithVoid();
    }

    /** Keeps what a multi-step call has done so far; the next attempt starts from there. */
    Uni<Void> progress(long id, JsonNode progress) {
        return pool.preparedQuery("update outbound_call set progress = $2 where id = $1")
                .execute(Tuple.of(id, json(progress)))
                .replaceWithVoid();
    }

    /** Refund feeds this channel's calls created in the last days (older ones are past any lost-answer check). */
    Uni<Set<String>> feedIds(String channelId) {
        return pool.preparedQuery("select progress->>'feedId' as feed_id from outbound_call where channel_id = $1"
                        + " and progress ? 'feedId' and created_at > now() - interval '7 days'")
                .execute(Tuple.of(channelId))
                .map(rows -> {
                    Set<String> ids = new HashSet<>();
                    for (Row row : rows) {
                        ids.add(row.getString("feed_id"));
                    }
                    return ids;
                });
    }

    Uni<Void> rejected(long id, String reason) {
        return pool.preparedQuery("update outbound_call set status = 'rejected', last_error = $2 where id = $1")
                .execute(Tuple.of(id, reason))
                .replaceWithVoid();
    }

    Uni<Void> retryIn(long id, Duration pause, String reason) {
        return pool.preparedQuery("update outbound_call set last_error = $3,"
                        + " next_attempt_at = now() + $2::bigint * interval '1 millisecond' where id = $1")
                .execute(Tuple.of(id, pause.toMillis(), reason))
                .replaceWithVoid();
    }

    private JsonObject json(JsonNode node) {
        try {
            return new JsonObject(mapper.writeValueAsString(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode tree(JsonObject json) {
        try {
            return mapper.readTree(json.encode());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
