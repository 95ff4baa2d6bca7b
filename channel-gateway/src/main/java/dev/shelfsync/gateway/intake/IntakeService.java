package dev.shelfsync.gateway.intake;

import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.channels.OrderCancelled;
import dev.shelfsync.contracts.channels.OrderLine;
import dev.shelfsync.contracts.channels.OrderReceived;
import dev.shelfsync.contracts.channels.ReturnRequested;
import dev.shelfsync.contracts.channels.UnknownListingReceived;
import dev.shelfsync.gateway.channel.Channel;
import dev.shelfsync.gateway.push.PushScheduler;
import dev.shelfsync.gateway.sales.SalesInFlight;
import dev.shelfsync.gateway.sales.SalesSignal;
import dev.shelfsync.platform.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Records a verified webhook and publishes what it means, in one transaction: the intake row (unique per delivery id,
 * so a redelivery changes nothing), the order state, the sale in flight and the outbox rows commit together or not at
 * all. After commit the pushers of the channels that must now show less are woken.
 */
@ApplicationScoped
public class IntakeService {

    /** How an intake ended; the webhook answer reports it. */
    public enum Outcome {
        ACCEPTED,
        DUPLICATE,
        DUPLICATE_ORDER,
        PARKED,
        CANCEL_REMEMBERED,
        CANCELLED_BEFORE_RECEIVED,
        IGNORED;

        public String label() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    private static final String INSERT_INTAKE = "insert into webhook_intake"
            + " (channel_id, delivery_id, topic, external_order_id, payload) values ($1, $2, $3, $4, $5)"
            + " on conflict (channel_id, delivery_id) do nothing returning id";
    private static final String MAPPINGS =
            "select listing_id, sku, pack_size from listing_mapping where channel_id = $1 and listing_id = any($2)";
    private static final String ORDER_RECEIVED = "insert into channel_order (channel_id, external_order_id, received)"
            + " values ($1, $2, true) on conflict (channel_id, external_order_id) do update set received = true,"
            + " updated_at = now() where channel_order.received = false returning cancelled";
    private static final String ORDER_LINE = "insert into channel_order_line"
            + " (channel_id, external_order_id, line_id, listing_id, sku, pack_size, quantity)"
            + " values ($1, $2, $3, $4, $5, $6, $7) on conflict do nothing";
    private static final String ORDER_CANCELLED = "insert into channel_order (channel_id, external_order_id, cancelled)"
            + " values ($1, $2, true) on conflict (channel_id, external_order_id) do update set cancelled = true,"
            + " updated_at = now() where channel_order.cancelled = false returning received";

    private static final String SETTLED = "select exists(select 1 from webhook_intake"
            + " where channel_id = $1 and delivery_id = $2) or exists(select 1 from channel_order"
            + " where channel_id = $1 and external_order_id = $3 and (received or cancelled)) as settled";

    private final Pool pool;
    private final OutboxWriter outbox;
    private final SalesInFlight salesInFlight;
    private final SalesSignal salesSignal;
    private final PushScheduler pushers;

    public IntakeService(
            Pool pool,
            OutboxWriter outbox,
            SalesInFlight salesInFlight,
            SalesSignal salesSignal,
            PushScheduler pushers) {
        this.pool = pool;
        this.outbox = outbox;
        this.salesInFlight = salesInFlight;
        this.salesSignal = salesSignal;
        this.pushers = pushers;
    }

    /**
     * True when this delivery was already recorded, or the order was already received or cancelled: then the
     * intake's outcome does not depend on the order's lines.
     */
    public Uni<Boolean> settled(String channelId, String deliveryId, String externalOrderId) {
        return pool.preparedQuery(SETTLED)
                .execute(Tuple.of(channelId, deliveryId, externalOrderId))
                .map(rows -> rows.iterator().next().getBoolean("settled"));
    }

    public Uni<Outcome> accept(Channel channel, String deliveryId, String topic, ParsedWebhook webhook, String body) {
        return pool.withTransaction(tx -> tx.preparedQuery(INSERT_INTAKE)
                        .execute(Tuple.of(
                                channel.id(), deliveryId, topic, webhook.externalOrderId(), new JsonObject(body)))
                        .flatMap(rows -> {
                            if (rows.size() == 0) {
                                return Uni.createFrom().item(Result.of(Outcome.DUPLICATE));
                            }
                            long intakeId = rows.iterator().next().getLong("id");
                            return apply(tx, channel, webhook).flatMap(result -> tx.preparedQuery(
                                            "update webhook_intake set status = $2, unknown_listings = $3 where id = $1")
                                    .execute(Tuple.of(intakeId, result.outcome().label(), result.unknown()))
                                    .replaceWith(result));
                        }))
                .invoke(result -> {
                    pushers.wakeAll(result.wake());
                    salesSignal.sold(result.sold());
                })
                .map(Result::outcome);
    }

    /**
     * @param wake channels whose listings must be pushed again because sales in flight went
     * @param sold SKUs with a new sale in flight
     */
    private record Result(Outcome outcome, String[] unknown, Set<String> wake, Set<String> sold) {
        static Result of(Outcome outcome) {
            return new Result(outcome, null, Set.of(), Set.of());
        }

        Result(Outcome outcome, String[] unknown) {
            this(outcome, unknown, Set.of(), Set.of());
        }
    }

    private Uni<Result> apply(SqlConnection tx, Channel channel, ParsedWebhook webhook) {
        return switch (webhook.kind()) {
            case ORDER_CREATED -> orderCreated(tx, channel, webhook);
            case ORDER_CANCELLED -> orderCancelled(tx, channel, webhook);
            case RETURN_REQUESTED -> returnRequested(tx, channel, webhook);
            case IGNORED -> Uni.createFrom().item(Result.of(Outcome.IGNORED));
        };
    }

    private Uni<Result> orderCreated(SqlConnection tx, Channel channel, ParsedWebhook webhook) {
        return mappings(tx, channel.id(), webhook.lines()).flatMap(mappings -> {
            List<OrderLine> lines = new ArrayList<>();
            List<Tuple> lineRows = new ArrayList<>();
            Set<String> unknown = new LinkedHashSet<>();
            for (ParsedWebhook.NativeLine line : webhook.lines()) {
                Mapping mapping = resolve(mappings, line);
                if (mapping == null) {
                    unknown.add(
                            line.listingKeys().isEmpty()
                                    ? "line:" + line.lineId()
                                    : line.listingKeys().get(0));
                } else {
                    lines.add(new OrderLine(line.lineId(), mapping.sku(), line.quantity() * mapping.packSize()));
                    lineRows.add(Tuple.tuple()
                            .addString(channel.id())
                            .addString(webhook.externalOrderId())
                            .addString(line.lineId())
                            .addString(mapping.listingId())
                            .addString(mapping.sku())
                            .addInteger(mapping.packSize())
                            .addInteger(line.quantity()));
                }
            }
            String correlation = correlation(channel, webhook);
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
                return published.replaceWith(new Result(Outcome.PARKED, unknown.toArray(new String[0])));
            }
            return tx.preparedQuery(ORDER_RECEIVED)
                    .execute(Tuple.of(channel.id(), webhook.externalOrderId()))
                    .flatMap(rows -> {
                        if (rows.size() == 0) {
                            return Uni.createFrom().item(Result.of(Outcome.DUPLICATE_ORDER));
                        }
                        if (rows.iterator().next().getBoolean("cancelled")) {
                            return Uni.createFrom().item(Result.of(Outcome.CANCELLED_BEFORE_RECEIVED));
                        }
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
                                                channel.id(),
                                                channel.type(),
                                                webhook.externalOrderId(),
                                                lines,
                                                webhook.shipTo())))
                                .flatMap(ignored -> salesInFlight.received(
                                        tx,
                                        channel.id(),
                                        webhook.externalOrderId(),
                                        unitsBySku,
                                        soldByListing,
                                        webhook.placedAt()))
                                .replaceWith(new Result(Outcome.ACCEPTED, null, Set.of(), unitsBySku.keySet()));
                    });
        });
    }

    private Uni<Result> orderCancelled(SqlConnection tx, Channel channel, ParsedWebhook webhook) {
        return tx.preparedQuery(ORDER_CANCELLED)
                .execute(Tuple.of(channel.id(), webhook.externalOrderId()))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(Result.of(Outcome.DUPLICATE_ORDER));
                    }
                    if (!rows.iterator().next().getBoolean("received")) {
                        return Uni.createFrom().item(Result.of(Outcome.CANCEL_REMEMBERED));
                    }
                    return outbox.append(
                                    tx,
                                    RoutingKeys.ORDER_CANCELLED,
                                    correlation(channel, webhook),
                                    null,
                                    new OrderCancelled(channel.id(), webhook.externalOrderId(), webhook.reason()))
                            .flatMap(ignored -> salesInFlight.voided(tx, channel.id(), webhook.externalOrderId()))
                            .map(wake -> new Result(Outcome.ACCEPTED, null, wake, Set.of()));
                });
    }

    private Uni<Result> returnRequested(SqlConnection tx, Channel channel, ParsedWebhook webhook) {
        return mappings(tx, channel.id(), webhook.lines()).flatMap(mappings -> {
            List<ReturnRequested.ReturnLine> lines = new ArrayList<>();
            Set<String> unknown = new LinkedHashSet<>();
            for (ParsedWebhook.NativeLine line : webhook.lines()) {
                Mapping mapping = resolve(mappings, line);
                if (mapping == null) {
                    unknown.add(
                            line.listingKeys().isEmpty()
                                    ? "line:" + line.lineId()
                                    : line.listingKeys().get(0));
                } else {
                    lines.add(new ReturnRequested.ReturnLine(
                            mapping.sku(), line.quantity() * mapping.packSize(), webhook.reason()));
                }
            }
            if (lines.isEmpty()) {
                return Uni.createFrom().item(new Result(Outcome.PARKED, unknown.toArray(new String[0])));
            }
            return outbox.append(
                            tx,
                            RoutingKeys.RETURN_REQUESTED,
                            correlation(channel, webhook),
                            null,
                            new ReturnRequested(
                                    channel.id(), webhook.externalOrderId(), webhook.externalReturnId(), lines))
                    .replaceWith(new Result(
                            unknown.isEmpty() ? Outcome.ACCEPTED : Outcome.PARKED,
                            unknown.isEmpty() ? null : unknown.toArray(new String[0])));
        });
    }

    private record Mapping(String listingId, String sku, int packSize) {}

    private Uni<Map<String, Mapping>> mappings(
            SqlConnection tx, String channelId, List<ParsedWebhook.NativeLine> lines) {
        Set<String> keys = new LinkedHashSet<>();
        lines.forEach(line -> keys.addAll(line.listingKeys()));
        return tx.preparedQuery(MAPPINGS)
                .execute(Tuple.of(channelId, keys.toArray(new String[0])))
                .map(rows -> {
                    Map<String, Mapping> mappings = new HashMap<>();
                    for (Row row : rows) {
                        mappings.put(
                                row.getString("listing_id"),
                                new Mapping(
                                        row.getString("listing_id"),
                                        row.getString("sku"),
                                        row.getInteger("pack_size")));
                    }
                    return mappings;
                });
    }

    private static Mapping resolve(Map<String, Mapping> mappings, ParsedWebhook.NativeLine line) {
        for (String key : line.listingKeys()) {
            Mapping mapping = mappings.get(key);
            if (mapping != null) {
                return mapping;
            }
        }
        return null;
    }

    private static String correlation(Channel channel, ParsedWebhook webhook) {
        return channel.id() + ":" + webhook.externalOrderId();
    }
}
