package dev.shelfsync.gateway.intake;

import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.channels.OrderCancelled;
import dev.shelfsync.contracts.channels.OrderLine;
import dev.shelfsync.contracts.channels.OrderReceived;
import dev.shelfsync.contracts.channels.UnknownListingReceived;
import dev.shelfsync.gateway.channel.Channel;
import dev.shelfsync.gateway.intake.IntakeService.Outcome;
import dev.shelfsync.gateway.sales.SalesInFlight;
import dev.shelfsync.platform.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a new or cancelled order means, inside the intake's transaction: the order's state per channel (received and
 * cancelled, in either order: a cancel that comes first is remembered), its lines in internal SKUs and units, its
 * sales in flight, and the {@code channels.*} events. An order with an unmapped listing is parked, not published.
 */
@ApplicationScoped
class OrderIntake {

    private static final String ORDER_RECEIVED = "insert into channel_order (channel_id, external_order_id, received)"
            + " values ($1, $2, true) on conflict (channel_id, external_order_id) do update set received = true,"
            + " updated_at = now() where channel_order.received = false returning cancelled";
    private static final String ORDER_LINE = "insert into channel_order_line"
            + " (channel_id, external_order_id, line_id, listing_id, sku, pack_size, quantity)"
            + " values ($1, $2, $3, $4, $5, $6, $7) on conflict do nothing";
    private static final String ORDER_CANCELLED = "insert into channel_order (channel_id, external_order_id, cancelled)"
            + " values ($1, $2, true) on conflict (channel_id, external_order_id) do update set cancelled = true,"
            + " updated_at = now() where channel_order.cancelled = false returning received";

    private final OutboxWriter outbox;
    private final SalesInFlight salesInFlight;

    OrderIntake(OutboxWriter outbox, SalesInFlight salesInFlight) {
        this.outbox = outbox;
        this.salesInFlight = salesInFlight;
    }

    Uni<IntakeResult> created(SqlConnection tx, Channel channel, ParsedWebhook webhook) {
        return MappedLines.read(tx, channel.id(), webhook.lines()).flatMap(mappings -> {
            List<OrderLine> lines = new ArrayList<>();
            List<Tuple> lineRows = new ArrayList<>();
            Set<String> unknown = mappings.each(webhook.lines(), (line, mapping) -> {
                lines.add(new OrderLine(line.lineId(), mapping.sku(), line.quantity() * mapping.packSize()));
                lineRows.add(Tuple.tuple()
                        .addString(channel.id())
                        .addString(webhook.externalOrderId())
                        .addString(line.lineId())
                        .addString(mapping.listingId())
                        .addString(mapping.sku())
                        .addInteger(mapping.packSize())
                        .addInteger(line.quantity()));
            });
            String correlation = webhook.correlationId(channel.id());
            if (!unknown.isEmpty()) {
                Uni<Void> published = Uni.createFrom().voidItem();
                for (String listingId : unknown) {
                    published = published.flatMap(ignored -> outbox.append(
                            tx,
                            RoutingKeys.UNKNOWN_LISTING_RECEIVED,
                            correlation,
                            null,
                            new UnknownListingReceived(channel.id(), listingId, webhook.externalOrderId())));
                }
                return published.replaceWith(new IntakeResult(Outcome.PARKED, unknown.toArray(new String[0])));
            }
            return tx.preparedQuery(ORDER_RECEIVED)
                    .execute(Tuple.of(channel.id(), webhook.externalOrderId()))
                    .flatMap(rows -> {
                        if (rows.size() == 0) {
                            return Uni.createFrom().item(IntakeResult.of(Outcome.DUPLICATE_ORDER));
                        }
                        if (rows.iterator().next().getBoolean("cancelled")) {
                            return Uni.createFrom().item(IntakeResult.of(Outcome.CANCELLED_BEFORE_RECEIVED));
                        }
                        return received(tx, channel, webhook, lines, lineRows, correlation);
                    });
        });
    }

    private Uni<IntakeResult> received(
            SqlConnection tx,
            Channel channel,
            ParsedWebhook webhook,
            List<OrderLine> lines,
            List<Tuple> lineRows,
            String correlation) {
        Map<String, Integer> unitsBySku = new TreeMap<>();
        lines.forEach(line -> unitsBySku.merge(line.sku(), line.quantity(), Integer::sum));
        Map<String, Integer> soldByListing = new TreeMap<>();
        lineRows.forEach(row -> soldByListing.merge(row.getString(3), row.getInteger(6), Integer::sum));
        return tx.preparedQuery(ORDER_LINE)
                .executeBatch(lineRows)
                .flatMap(ignored -> outbox.append(
                        tx,
                        RoutingKeys.ORDER_RECEIVED,
                        correlation,
                        null,
                        new OrderReceived(
                                channel.id(), channel.type(), webhook.externalOrderId(), lines, webhook.shipTo())))
                .flatMap(ignored -> salesInFlight.received(
                        tx, channel.id(), webhook.externalOrderId(), unitsBySku, soldByListing, webhook.placedAt()))
                .replaceWith(new IntakeResult(Outcome.ACCEPTED, null, Set.of(), unitsBySku.keySet()));
    }

    Uni<IntakeResult> cancelled(SqlConnection tx, Channel channel, ParsedWebhook webhook) {
        return tx.preparedQuery(ORDER_CANCELLED)
                .execute(Tuple.of(channel.id(), webhook.externalOrderId()))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(IntakeResult.of(Outcome.DUPLICATE_ORDER));
                    }
                    if (!rows.iterator().next().getBoolean("received")) {
                        return Uni.createFrom().item(IntakeResult.of(Outcome.CANCEL_REMEMBERED));
                    }
                    return outbox.append(
                                    tx,
                                    RoutingKeys.ORDER_CANCELLED,
                                    webhook.correlationId(channel.id()),
                                    null,
                                    new OrderCancelled(channel.id(), webhook.externalOrderId(), webhook.reason()))
                            .flatMap(ignored -> salesInFlight.voided(tx, channel.id(), webhook.externalOrderId()))
                            .map(wake -> new IntakeResult(Outcome.ACCEPTED, null, wake, Set.of()));
                });
    }
}
