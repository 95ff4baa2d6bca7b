package dev.shelfsync.inventory.reservation;

import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.inventory.Allocation;
import dev.shelfsync.contracts.inventory.ReservationConfirmed;
import dev.shelfsync.contracts.inventory.ReservationRefused;
import dev.shelfsync.contracts.orders.ReservationLine;
import dev.shelfsync.contracts.orders.StockReservationRequested;
import dev.shelfsync.inventory.availability.AvailabilityCalculator;
import dev.shelfsync.inventory.availability.AvailabilityReader;
import dev.shelfsync.inventory.inbox.Inbox;
import dev.shelfsync.inventory.outbox.OutboxWriter;
import dev.shelfsync.inventory.stock.StockChange;
import dev.shelfsync.inventory.stock.StockEvents;
import dev.shelfsync.inventory.stock.StockLevel;
import dev.shelfsync.inventory.stock.StockService;
import dev.shelfsync.inventory.stock.StockWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reserves, releases and commits stock for orders. A reservation takes every line or none, each line at the first
 * candidate location whose sellable stock covers it, through the conditional write of {@link StockWriter}.
 * Idempotent by order id: a confirmed order answers the same confirmation again and changes nothing.
 */
@ApplicationScoped
public class ReservationService {

    private static final int DEADLOCK_RETRIES = 5;

    private final Pool pool;
    private final StockWriter writer;
    private final StockEvents events;
    private final OutboxWriter outbox;
    private final Inbox inbox;
    private final AvailabilityReader availability;

    public ReservationService(
            Pool pool,
            StockWriter writer,
            StockEvents events,
            OutboxWriter outbox,
            Inbox inbox,
            AvailabilityReader availability) {
        this.pool = pool;
        this.availability = availability;
        this.writer = writer;
        this.events = events;
        this.outbox = outbox;
        this.inbox = inbox;
    }

    /**
     * @param messageId id of the command message, recorded in the same transaction; null for API calls
     * @return the outcome, or null when the message was applied before
     */
    public Uni<ReservationOutcome> reserve(StockReservationRequested request, String messageId) {
        return inTransaction(messageId, tx -> claim(tx, request)
                        .flatMap(existing ->
                                existing.isPresent() ? answerAgain(tx, existing.get()) : reserveAll(tx, request)))
                .onFailure(NotEnoughStock.class)
                .recoverWithUni(failure -> recordRefusal(request, ((NotEnoughStock) failure).shortLines, messageId));
    }

    /** Gives back what an order holds; nothing happens when it holds nothing (never reserved, or released). */
    public Uni<List<Allocation>> release(String orderId, String reason, String messageId) {
        return settle(
                orderId,
                "released",
                messageId,
                allocation ->
                        StockChange.release(allocation.sku(), allocation.locationId(), allocation.quantity(), orderId));
    }

    /** Ships an order: its reserved units leave on_hand and reserved together. */
    public Uni<List<Allocation>> commit(String orderId, String messageId) {
        return settle(
                orderId,
                "committed",
                messageId,
                allocation ->
                        StockChange.commit(allocation.sku(), allocation.locationId(), allocation.quantity(), orderId));
    }

    public Uni<Optional<ReservationOutcome>> find(String orderId) {
        return pool.withConnection(connection -> existing(connection, orderId));
    }

    private <T> Uni<T> inTransaction(String messageId, Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(
                        tx -> (messageId == null ? Uni.createFrom().item(true) : inbox.firstDelivery(tx, messageId))
                                .flatMap(first -> first
                                        ? work.apply(tx)
                                        : Uni.createFrom().nullItem()))
                .onFailure(StockService::isRetryable)
                .retry()
                .atMost(DEADLOCK_RETRIES);
    }

    /** Takes the order id for this attempt; a confirmed order is final, a refused one may be tried again. */
    private Uni<Optional<ReservationOutcome>> claim(SqlConnection tx, StockReservationRequested request) {
        return tx.preparedQuery(
                        """
                        insert into reservation_request (order_id, channel_id, outcome) values ($1, $2, 'confirmed')
                        on conflict (order_id) do update set outcome = 'confirmed', reason = null
                         where reservation_request.outcome = 'refused'
                        """)
                .execute(Tuple.of(request.orderId(), request.channelId()))
                .flatMap(result -> result.rowCount() == 1
                        ? Uni.createFrom().item(Optional.<ReservationOutcome>empty())
                        : existing(tx, request.orderId()));
    }

    private Uni<ReservationOutcome> reserveAll(SqlConnection tx, StockReservationRequested request) {
        // One order of locking for every transaction keeps concurrent multi-line orders from deadlocking.
        List<ReservationLine> lines = request.lines().stream()
                .sorted(Comparator.comparing(ReservationLine::sku).thenComparing(ReservationLine::lineId))
                .toList();
        return expand(tx, lines).flatMap(parts -> lock(tx, lines, parts)
                .flatMap(locked -> fenceGuard(tx, request.channelId(), parts))
                .flatMap(fence -> reserveLines(tx, request, lines, parts, fence)));
    }

    private Uni<ReservationOutcome> reserveLines(
            SqlConnection tx,
            StockReservationRequested request,
            List<ReservationLine> lines,
            Map<String, Map<String, Integer>> parts,
            FenceGuard fence) {
        List<Allocation> allocations = new ArrayList<>();
        List<StockLevel> levels = new ArrayList<>();
        List<String> shortLines = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ReservationLine line : lines) {
            Map<String, Integer> units = parts.get(line.lineId());
            chain = chain.flatMap(ignored -> {
                if (!fence.allows(units)) {
                    shortLines.add(line.lineId());
                    return Uni.createFrom().voidItem();
                }
                return reserveLine(tx, request.orderId(), line, units, 0)
                        .invoke(reserved -> {
                            if (reserved.isEmpty()) {
                                shortLines.add(line.lineId());
                                return;
                            }
                            fence.take(units);
                            for (StockLevel level : reserved) {
                                levels.add(level);
                                allocations.add(new Allocation(
                                        line.lineId(), level.sku(), level.locationId(), units.get(level.sku())));
                            }
                        })
                        .replaceWithVoid();
            });
        }
        return chain.flatMap(ignored -> {
            if (!shortLines.isEmpty()) {
                return Uni.createFrom().failure(new NotEnoughStock(shortLines));
            }
            return recordAllocations(tx, request.orderId(), allocations)
                    .flatMap(done -> events.changed(tx, levels, "reservation", request.orderId()))
                    .flatMap(done -> outbox.append(
                            tx,
                            RoutingKeys.RESERVATION_CONFIRMED,
                            request.orderId(),
                            null,
                            new ReservationConfirmed(request.orderId(), allocations)))
                    .replaceWith(ReservationOutcome.confirmed(request.orderId(), allocations));
        });
    }

    /** Units per SKU that each line takes: the line's SKU itself, or a bundle's components. */
    private Uni<Map<String, Map<String, Integer>>> expand(SqlConnection tx, List<ReservationLine> lines) {
        Map<String, Map<String, Integer>> parts = new LinkedHashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ReservationLine line : lines) {
            chain = chain.flatMap(ignored -> availability
                    .components(tx, line.sku())
                    .invoke(components -> {
                        Map<String, Integer> units = new TreeMap<>();
                        if (components.isEmpty()) {
                            units.put(line.sku(), line.quantity());
                        } else {
                            components.forEach(
                                    (component, perBundle) -> units.put(component, perBundle * line.quantity()));
                        }
                        parts.put(line.lineId(), units);
                    })
                    .replaceWithVoid());
        }
        return chain.replaceWith(parts);
    }

    /** Components (and plain SKUs) first, bundles after: the lock order every stock transaction follows. */
    private Uni<Void> lock(SqlConnection tx, List<ReservationLine> lines, Map<String, Map<String, Integer>> parts) {
        Set<String> stocked = new TreeSet<>();
        parts.values().forEach(units -> stocked.addAll(units.keySet()));
        Set<String> bundles = new TreeSet<>();
        lines.stream()
                .map(ReservationLine::sku)
                .filter(sku -> !stocked.contains(sku))
                .forEach(bundles::add);
        return writer.lockSkus(tx, stocked)
                .flatMap(ignored -> bundles.isEmpty() ? Uni.createFrom().voidItem() : writer.lockSkus(tx, bundles));
    }

    /** Reads, under the SKU locks, how much each SKU may still give this channel without entering others' fences. */
    private Uni<FenceGuard> fenceGuard(SqlConnection tx, String channelId, Map<String, Map<String, Integer>> parts) {
        return availability.policies(tx).flatMap(policies -> {
            if (!AvailabilityCalculator.anyFence(policies)) {
                return Uni.createFrom().item(FenceGuard.NONE);
            }
            List<String> skus = new ArrayList<>(new TreeSet<>(parts.values().stream()
                    .flatMap(units -> units.keySet().stream())
                    .toList()));
            return availability.reservedByChannel(tx, skus, policies).flatMap(reserved -> tx.preparedQuery(
                            """
                            select s.sku, sum(s.on_hand - s.reserved - s.damaged - s.quality_hold)::int as sellable
                              from stock_level s join location l on l.id = s.location_id
                             where s.sku = any($1) and l.active group by s.sku
                            """)
                    .execute(Tuple.of((Object) skus.toArray(new String[0])))
                    .map(rows -> {
                        Map<String, Integer> open = new HashMap<>();
                        for (Row row : rows) {
                            String sku = row.getString("sku");
                            int fenced = AvailabilityCalculator.fencedForOthers(
                                    policies, channelId, reserved.getOrDefault(sku, Map.of()));
                            open.put(sku, row.getInteger("sellable") - fenced);
                        }
                        return new FenceGuard(open);
                    }));
        });
    }

    /** Tries the line's candidates in order; a bundle's components must all fit at the same location. */
    private Uni<List<StockLevel>> reserveLine(
            SqlConnection tx, String orderId, ReservationLine line, Map<String, Integer> units, int candidate) {
        if (candidate >= line.candidateLocationIds().size()) {
            return Uni.createFrom().item(List.of());
        }
        String locationId = line.candidateLocationIds().get(candidate);
        if (units.size() == 1) {
            Map.Entry<String, Integer> only = units.entrySet().iterator().next();
            return writer.apply(tx, StockChange.reserve(only.getKey(), locationId, only.getValue(), orderId))
                    .flatMap(applied -> applied.isPresent()
                            ? Uni.createFrom().item(List.of(applied.get()))
                            : reserveLine(tx, orderId, line, units, candidate + 1));
        }
        // Several components: undo the ones that fitted when a later one does not, then try the next location.
        return tx.query("savepoint bundle_line")
                .execute()
                .flatMap(saved -> reserveParts(tx, orderId, locationId, units))
                .flatMap(levels -> levels.size() == units.size()
                        ? tx.query("release savepoint bundle_line").execute().replaceWith(levels)
                        : tx.query("rollback to savepoint bundle_line")
                                .execute()
                                .flatMap(undone -> reserveLine(tx, orderId, line, units, candidate + 1)));
    }

    private Uni<List<StockLevel>> reserveParts(
            SqlConnection tx, String orderId, String locationId, Map<String, Integer> units) {
        List<StockLevel> levels = new ArrayList<>();
        Uni<Boolean> chain = Uni.createFrom().item(true);
        for (Map.Entry<String, Integer> part : units.entrySet()) {
            chain = chain.flatMap(fits -> !fits
                    ? Uni.createFrom().item(false)
                    : writer.apply(tx, StockChange.reserve(part.getKey(), locationId, part.getValue(), orderId))
                            .map(applied -> {
                                applied.ifPresent(levels::add);
                                return applied.isPresent();
                            }));
        }
        return chain.replaceWith(levels);
    }

    /** Remaining sellable per SKU outside other channels' ring-fences, as this transaction takes units. */
    private record FenceGuard(Map<String, Integer> open) {
        static final FenceGuard NONE = new FenceGuard(null);

        boolean allows(Map<String, Integer> units) {
            return open == null
                    || units.entrySet().stream()
                            .allMatch(unit -> open.getOrDefault(unit.getKey(), 0) >= unit.getValue());
        }

        void take(Map<String, Integer> units) {
            if (open != null) {
                units.forEach((sku, quantity) -> open.merge(sku, -quantity, Integer::sum));
            }
        }
    }

    private static Uni<Void> recordAllocations(SqlConnection tx, String orderId, List<Allocation> allocations) {
        List<Tuple> rows = allocations.stream()
                .map(a -> Tuple.of(orderId, a.lineId(), a.sku(), a.locationId(), a.quantity()))
                .toList();
        return tx.preparedQuery(
                        "insert into reservation (order_id, line_id, sku, location_id, quantity) values ($1, $2, $3, $4, $5)")
                .executeBatch(rows)
                .replaceWithVoid();
    }

    private Uni<ReservationOutcome> recordRefusal(
            StockReservationRequested request, List<String> shortLines, String messageId) {
        return inTransaction(messageId, tx -> tx.preparedQuery(
                        """
                                insert into reservation_request (order_id, channel_id, outcome, reason)
                                values ($1, $2, 'refused', 'insufficient-stock')
                                on conflict (order_id) do nothing
                                """)
                .execute(Tuple.of(request.orderId(), request.channelId()))
                .flatMap(result -> result.rowCount() == 1
                        ? Uni.createFrom().item(Optional.<ReservationOutcome>empty())
                        : existing(tx, request.orderId()))
                .flatMap(existing -> existing.isPresent() && existing.get().confirmed()
                        ? answerAgain(tx, existing.get())
                        : answerAgain(tx, ReservationOutcome.refused(request.orderId(), shortLines))));
    }

    /** Publishes the outcome (again) so the requester gets an answer for every request, repeated or not. */
    private Uni<ReservationOutcome> answerAgain(SqlConnection tx, ReservationOutcome outcome) {
        Object event = outcome.confirmed()
                ? new ReservationConfirmed(outcome.orderId(), outcome.allocations())
                : new ReservationRefused(outcome.orderId(), outcome.reason(), outcome.shortLines());
        String routingKey = outcome.confirmed() ? RoutingKeys.RESERVATION_CONFIRMED : RoutingKeys.RESERVATION_REFUSED;
        return outbox.append(tx, routingKey, outcome.orderId(), null, event).replaceWith(outcome);
    }

    private Uni<List<Allocation>> settle(
            String orderId, String status, String messageId, Function<Allocation, StockChange> change) {
        return inTransaction(messageId, tx -> tx.preparedQuery(
                                "update reservation_request set status = $2 where order_id = $1 and outcome = 'confirmed'"
                                        + " and status = 'open'")
                        .execute(Tuple.of(orderId, status))
                        .flatMap(updated -> updated.rowCount() == 0
                                ? Uni.createFrom().item(List.<Allocation>of())
                                : allocations(tx, orderId).flatMap(allocations -> applyAll(tx, allocations, change)
                                        .flatMap(levels -> events.changed(
                                                tx,
                                                levels,
                                                status.equals("released") ? "release" : "shipment",
                                                orderId))
                                        .replaceWith(allocations))))
                .map(allocations -> allocations == null ? List.of() : allocations);
    }

    private Uni<List<StockLevel>> applyAll(
            SqlConnection tx, List<Allocation> allocations, Function<Allocation, StockChange> change) {
        List<StockLevel> levels = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Allocation allocation : allocations) {
            chain = chain.flatMap(ignored -> writer.apply(tx, change.apply(allocation))
                    .invoke(level -> levels.add(level.orElseThrow(
                            () -> new IllegalStateException("reserved units missing for " + allocation))))
                    .replaceWithVoid());
        }
        return chain.replaceWith(levels);
    }

    private static Uni<Optional<ReservationOutcome>> existing(SqlConnection connection, String orderId) {
        return connection
                .preparedQuery("select outcome from reservation_request where order_id = $1")
                .execute(Tuple.of(orderId))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(Optional.<ReservationOutcome>empty());
                    }
                    boolean confirmed =
                            "confirmed".equals(rows.iterator().next().getString("outcome"));
                    if (!confirmed) {
                        return Uni.createFrom().item(Optional.of(ReservationOutcome.refused(orderId, List.of())));
                    }
                    return allocations(connection, orderId)
                            .map(allocations -> Optional.of(ReservationOutcome.confirmed(orderId, allocations)));
                });
    }

    private static Uni<List<Allocation>> allocations(SqlConnection connection, String orderId) {
        return connection
                .preparedQuery("select line_id, sku, location_id, quantity from reservation where order_id = $1"
                        + " order by sku, line_id")
                .execute(Tuple.of(orderId))
                .map(rows -> {
                    List<Allocation> allocations = new ArrayList<>();
                    for (Row row : rows) {
                        allocations.add(new Allocation(
                                row.getString("line_id"),
                                row.getString("sku"),
                                row.getString("location_id"),
                                row.getInteger("quantity")));
                    }
                    return allocations;
                });
    }
}
