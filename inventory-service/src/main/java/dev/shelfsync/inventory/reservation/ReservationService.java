package dev.shelfsync.inventory.reservation;

import dev.shelfsync.contracts.inventory.Allocation;
import dev.shelfsync.contracts.orders.ReservationLine;
import dev.shelfsync.contracts.orders.StockReservationRequested;
import dev.shelfsync.inventory.availability.AvailabilityReader;
import dev.shelfsync.inventory.availability.ChannelPolicies;
import dev.shelfsync.inventory.rebalance.RebalanceService;
import dev.shelfsync.inventory.stock.StockChange;
import dev.shelfsync.inventory.stock.StockEvents;
import dev.shelfsync.inventory.stock.StockLevel;
import dev.shelfsync.inventory.stock.StockService;
import dev.shelfsync.inventory.stock.StockWriter;
import dev.shelfsync.platform.inbox.Inbox;
import dev.shelfsync.platform.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Reserves, releases and commits stock for orders. A reservation takes every line or none, each line at the first
 * candidate location whose sellable stock covers it, through the conditional write of {@link StockWriter}.
 * Idempotent by order id: a confirmed order answers the same confirmation again and changes nothing.
 *
 * <p>Every statement of a reservation runs while its SKU locks are held, so each round trip adds to how long other
 * orders of the same SKU wait: policies and bundle components are read once per transaction and passed down, and
 * all outbox rows are appended in one batch.
 */
@ApplicationScoped
public class ReservationService {

    private static final int DEADLOCK_RETRIES = 5;
    private static final Logger LOG = Logger.getLogger(ReservationService.class);

    private final Pool pool;
    private final StockWriter writer;
    private final StockEvents events;
    private final OutboxWriter outbox;
    private final Inbox inbox;
    private final AvailabilityReader availability;
    private final ReservationMetrics metrics;
    private final RebalanceService rebalances;

    public ReservationService(
            Pool pool,
            StockWriter writer,
            StockEvents events,
            OutboxWriter outbox,
            Inbox inbox,
            AvailabilityReader availability,
            ReservationMetrics metrics,
            RebalanceService rebalances) {
        this.pool = pool;
        this.rebalances = rebalances;
        this.metrics = metrics;
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
                .invoke(outcome -> {
                    if (outcome != null && outcome.confirmed()) {
                        metrics.confirmed();
                    }
                })
                .call(outcome -> outcome == null || !outcome.confirmed()
                        ? Uni.createFrom().voidItem()
                        : afterSale(request))
                .onFailure(NotEnoughStock.class)
                .recoverWithUni(failure -> recordRefusal(request, ((NotEnoughStock) failure).shortLines, messageId));
    }

    /**
     * A sale that emptied its channel's fence may start moving units to it; after the reservation committed, and
     * never at the expense of its answer.
     */
    private Uni<Void> afterSale(StockReservationRequested request) {
        List<String> skus = request.lines().stream().map(ReservationLine::sku).toList();
        return rebalances
                .afterSale(request.channelId(), skus)
                .onFailure()
                .invoke(failure -> LOG.warnf(failure, "no rebalance after order %s", request.orderId()))
                .onFailure()
                .recoverWithNull();
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
        return pool.withConnection(connection -> ReservationRecords.existing(connection, orderId));
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
                        : ReservationRecords.existing(tx, request.orderId()));
    }

    private Uni<ReservationOutcome> reserveAll(SqlConnection tx, StockReservationRequested request) {
        // One order of locking for every transaction keeps concurrent multi-line orders from deadlocking.
        List<ReservationLine> lines = request.lines().stream()
                .sorted(Comparator.comparing(ReservationLine::sku).thenComparing(ReservationLine::lineId))
                .toList();
        return expand(tx, lines).flatMap(parts -> timedLock(tx, lines, parts)
                .flatMap(locked -> availability.policies(tx))
                .flatMap(policies -> FenceGuard.read(tx, request.channelId(), parts, policies)
                        .flatMap(fence -> reserveLines(tx, request, lines, parts, fence, policies))));
    }

    private Uni<ReservationOutcome> reserveLines(
            SqlConnection tx,
            StockReservationRequested request,
            List<ReservationLine> lines,
            Map<String, Map<String, Integer>> parts,
            FenceGuard fence,
            ChannelPolicies policies) {
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
            String orderId = request.orderId();
            // The versions this transaction takes are the first whose numbers include the reservation. They are
            // taken before the allocations are stored, so the request keeps them for a repeated answer; the numbers
            // are read after, because ring-fences count the stored allocations.
            return events.takeVersions(tx, levels).flatMap(versions -> ReservationRecords.storeAllocations(
                            tx, orderId, allocations, versions)
                    .flatMap(done -> events.messages(tx, levels, "reservation", orderId, versions, policies))
                    .map(messages -> ReservationMessages.namingTheSale(messages, request))
                    .flatMap(messages -> {
                        ReservationOutcome outcome = ReservationOutcome.confirmed(orderId, allocations, versions);
                        List<OutboxWriter.Message> all = new ArrayList<>(messages);
                        all.add(ReservationMessages.answer(outcome));
                        return outbox.appendAll(tx, all).replaceWith(outcome);
                    }));
        });
    }

    /** Units per SKU that each line takes: the line's SKU itself, or a bundle's components. */
    private Uni<Map<String, Map<String, Integer>>> expand(SqlConnection tx, List<ReservationLine> lines) {
        return availability
                .components(tx, lines.stream().map(ReservationLine::sku).toList())
                .map(bundles -> {
                    Map<String, Map<String, Integer>> parts = new LinkedHashMap<>();
                    for (ReservationLine line : lines) {
                        Map<String, Integer> units = new TreeMap<>();
                        Map<String, Integer> components = bundles.get(line.sku());
                        if (components == null) {
                            units.put(line.sku(), line.quantity());
                        } else {
                            components.forEach(
                                    (component, perBundle) -> units.put(component, perBundle * line.quantity()));
                        }
                        parts.put(line.lineId(), units);
                    }
                    return parts;
                });
    }

    private Uni<Void> timedLock(
            SqlConnection tx, List<ReservationLine> lines, Map<String, Map<String, Integer>> parts) {
        long start = System.nanoTime();
        return lock(tx, lines, parts).invoke(locked -> metrics.waitedForLocks(System.nanoTime() - start));
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

    /** Tries the line's candidates in order; a bundle's components must all fit at the same location. */
    private Uni<List<StockLevel>> reserveLine(
            SqlConnection tx, String orderId, ReservationLine line, Map<String, Integer> units, int candidate) {
        if (candidate >= line.candidateLocationIds().size()) {
            return Uni.createFrom().item(List.of());
        }
        String locationId = line.candidateLocationIds().get(candidate);
        if (units.size() == 1) {
            Map.Entry<String, Integer> only = units.entrySet().iterator().next();
            return writer.applyLocked(tx, StockChange.reserve(only.getKey(), locationId, only.getValue(), orderId))
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
                    : writer.applyLocked(tx, StockChange.reserve(part.getKey(), locationId, part.getValue(), orderId))
                            .map(applied -> {
                                applied.ifPresent(levels::add);
                                return applied.isPresent();
                            }));
        }
        return chain.replaceWith(levels);
    }

    private Uni<ReservationOutcome> recordRefusal(
            StockReservationRequested request, List<String> shortLines, String messageId) {
        // Whether the committed attempt stored the order's first refusal (a retried transaction sets it again).
        AtomicBoolean firstRefusal = new AtomicBoolean();
        return inTransaction(messageId, tx -> tx.preparedQuery(
                                """
                                insert into reservation_request (order_id, channel_id, outcome, reason)
                                values ($1, $2, 'refused', 'insufficient-stock')
                                on conflict (order_id) do nothing
                                """)
                        .execute(Tuple.of(request.orderId(), request.channelId()))
                        .invoke(result -> firstRefusal.set(result.rowCount() == 1))
                        .flatMap(result -> result.rowCount() == 1
                                ? Uni.createFrom().item(Optional.<ReservationOutcome>empty())
                                : ReservationRecords.existing(tx, request.orderId()))
                        .flatMap(existing ->
                                existing.isPresent() && existing.get().confirmed()
                                        ? answerAgain(tx, existing.get())
                                        : answerAgain(tx, ReservationOutcome.refused(request.orderId(), shortLines))))
                .invoke(outcome -> {
                    if (outcome == null || outcome.confirmed()) {
                        return;
                    }
                    metrics.refused();
                    // A channel's order is a sale the marketplace already made: refusing it means it was oversold.
                    if (firstRefusal.get() && request.channelId() != null && request.externalOrderId() != null) {
                        metrics.oversold();
                    }
                });
    }

    /**
     * Publishes the outcome (again) so the requester gets an answer for every request, repeated or not. A repeated
     * confirmation carries the versions stored with the first one.
     */
    private Uni<ReservationOutcome> answerAgain(SqlConnection tx, ReservationOutcome outcome) {
        return outbox.appendAll(tx, List.of(ReservationMessages.answer(outcome)))
                .replaceWith(outcome);
    }

    private Uni<List<Allocation>> settle(
            String orderId, String status, String messageId, Function<Allocation, StockChange> change) {
        return inTransaction(messageId, tx -> tx.preparedQuery(
                                "update reservation_request set status = $2 where order_id = $1 and outcome = 'confirmed'"
                                        + " and status = 'open'")
                        .execute(Tuple.of(orderId, status))
                        .flatMap(updated -> updated.rowCount() == 0
                                ? Uni.createFrom().item(List.<Allocation>of())
                                : ReservationRecords.allocations(tx, orderId)
                                        .flatMap(allocations -> applyAll(tx, allocations, change)
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
}
