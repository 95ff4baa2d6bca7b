package dev.shelfsync.inventory.reservation;

import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.inventory.Allocation;
import dev.shelfsync.contracts.inventory.AvailabilityChanged;
import dev.shelfsync.contracts.inventory.ReservationConfirmed;
import dev.shelfsync.contracts.inventory.ReservationRefused;
import dev.shelfsync.contracts.inventory.SaleRef;
import dev.shelfsync.contracts.orders.ReservationLine;
import dev.shelfsync.contracts.orders.StockReservationRequested;
import dev.shelfsync.inventory.availability.AvailabilityReader;
import dev.shelfsync.inventory.availability.ChannelPolicies;
import dev.shelfsync.inventory.availability.ChannelPolicy;
import dev.shelfsync.inventory.availability.SkuFences;
import dev.shelfsync.inventory.rebalance.RebalanceService;
import dev.shelfsync.inventory.stock.StockChange;
import dev.shelfsync.inventory.stock.StockEvents;
import dev.shelfsync.inventory.stock.StockLevel;
import dev.shelfsync.inventory.stock.StockService;
import dev.shelfsync.inventory.stock.StockWriter;
import dev.shelfsync.platform.inbox.Inbox;
import dev.shelfsync.platform.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
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
        return expand(tx, lines).flatMap(parts -> timedLock(tx, lines, parts)
                .flatMap(locked -> availability.policies(tx))
                .flatMap(policies -> fenceGuard(tx, request.channelId(), parts, policies)
                        .flatMap(fence -> reserveLines(tx, request, lines, parts, fence, policies.channels()))));
    }

    private Uni<ReservationOutcome> reserveLines(
            SqlConnection tx,
            StockReservationRequested request,
            List<ReservationLine> lines,
            Map<String, Map<String, Integer>> parts,
            FenceGuard fence,
            List<ChannelPolicy> policies) {
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
            return events.takeVersions(tx, levels).flatMap(versions -> recordAllocations(
                            tx, orderId, allocations, versions)
                    .flatMap(done -> events.messages(tx, levels, "reservation", orderId, versions, policies))
                    .map(messages -> namingTheSale(messages, request))
                    .flatMap(messages -> {
                        ReservationOutcome outcome = ReservationOutcome.confirmed(orderId, allocations, versions);
                        List<OutboxWriter.Message> all = new ArrayList<>(messages);
                        all.add(answer(outcome));
                        return outbox.appendAll(tx, all).replaceWith(outcome);
                    }));
        });
    }

    /**
     * The availability versions this transaction takes are the first to include the reservation: their events name
     * the marketplace sale, so the gateway stops counting it as in flight in the same step as it applies them.
     */
    private static List<OutboxWriter.Message> namingTheSale(
            List<OutboxWriter.Message> messages, StockReservationRequested request) {
        if (request.channelId() == null || request.externalOrderId() == null) {
            return messages;
        }
        List<SaleRef> sale = List.of(new SaleRef(request.channelId(), request.externalOrderId()));
        return messages.stream()
                .map(message -> message.payload() instanceof AvailabilityChanged changed
                        ? new OutboxWriter.Message(
                                message.routingKey(),
                                message.correlationId(),
                                message.version(),
                                new AvailabilityChanged(
                                        changed.sku(),
                                        changed.version(),
                                        changed.defaultAvailable(),
                                        changed.channels(),
                                        changed.fences(),
                                        sale))
                        : message)
                .toList();
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

    /**
     * Reads, under the SKU locks, how much each SKU may still give this channel without entering the fences other
     * channels hold on it.
     */
    private Uni<FenceGuard> fenceGuard(
            SqlConnection tx, String channelId, Map<String, Map<String, Integer>> parts, ChannelPolicies policies) {
        if (!policies.anyFence()) {
            return Uni.createFrom().item(FenceGuard.NONE);
        }
        String[] skus = new TreeSet<>(parts.values().stream()
                        .flatMap(units -> units.keySet().stream())
                        .toList())
                .toArray(String[]::new);
        // Sellable over active locations, the SKUs' fences, units in transit between fences and open reservations per
        // channel, in one read.
        return tx.preparedQuery(
                        """
                        select 'sellable' as kind, s.sku, null as channel_id,
                               sum(s.on_hand - s.reserved - s.damaged - s.quality_hold)::int as units
                          from stock_level s join location l on l.id = s.location_id
                         where s.sku = any($1) and l.active group by s.sku
                        union all
                        select 'fence', f.sku, f.channel_id, f.ring_fenced
                          from effective_fence f where f.sku = any($1) and f.ring_fenced > 0
                        union all
                        select 'transit', b.sku, b.from_channel_id, sum(b.units)::int
                          from fence_rebalance b where b.sku = any($1) and b.state = 'lowering'
                         group by b.sku, b.from_channel_id
                        union all
                        select 'reserved', r.sku, q.channel_id, sum(r.quantity)::int
                          from reservation r join reservation_request q on q.order_id = r.order_id
                         where r.sku = any($1) and q.status = 'open' and q.channel_id is not null
                         group by r.sku, q.channel_id
                        """)
                .execute(Tuple.of((Object) skus))
                .map(rows -> {
                    Map<String, Integer> sellable = new HashMap<>();
                    Map<String, Map<String, Integer>> fences = new HashMap<>();
                    Map<String, Map<String, Integer>> transit = new HashMap<>();
                    Map<String, Map<String, Integer>> reserved = new HashMap<>();
                    for (Row row : rows) {
                        String sku = row.getString("sku");
                        int units = row.getInteger("units");
                        switch (row.getString("kind")) {
                            case "sellable" -> sellable.put(sku, units);
                            case "fence" -> fences.computeIfAbsent(sku, s -> new HashMap<>())
                                    .put(row.getString("channel_id"), units);
                            case "transit" -> transit.computeIfAbsent(sku, s -> new HashMap<>())
                                    .put(row.getString("channel_id"), units);
                            default -> reserved.computeIfAbsent(sku, s -> new HashMap<>())
                                    .put(row.getString("channel_id"), units);
                        }
                    }
                    Map<String, Integer> open = new HashMap<>();
                    sellable.forEach((sku, units) -> open.put(
                            sku,
                            units
                                    - new SkuFences(
                                                    fences.getOrDefault(sku, Map.of()),
                                                    Set.of(),
                                                    transit.getOrDefault(sku, Map.of()),
                                                    reserved.getOrDefault(sku, Map.of()))
                                            .keptFrom(channelId)));
                    return new FenceGuard(open);
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

    /** Remaining sellable per SKU outside the fences other channels hold on it, as this transaction takes units. */
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

    /** Stores the allocations and, on the request, the availability versions, in one statement. */
    private static Uni<Void> recordAllocations(
            SqlConnection tx, String orderId, List<Allocation> allocations, Map<String, Long> versions) {
        return tx.preparedQuery(
                        """
                        with answered as (
                            update reservation_request set availability_versions = $6 where order_id = $1)
                        insert into reservation (order_id, line_id, sku, location_id, quantity)
                        select $1, line_id, sku, location_id, quantity
                          from unnest($2::text[], $3::text[], $4::text[], $5::int[])
                               as allocation (line_id, sku, location_id, quantity)
                        """)
                .execute(Tuple.tuple()
                        .addString(orderId)
                        .addArrayOfString(
                                allocations.stream().map(Allocation::lineId).toArray(String[]::new))
                        .addArrayOfString(
                                allocations.stream().map(Allocation::sku).toArray(String[]::new))
                        .addArrayOfString(
                                allocations.stream().map(Allocation::locationId).toArray(String[]::new))
                        .addArrayOfInteger(
                                allocations.stream().map(Allocation::quantity).toArray(Integer[]::new))
                        .addJsonObject(new JsonObject(new HashMap<>(versions))))
                .replaceWithVoid();
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
                                : existing(tx, request.orderId()))
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
        return outbox.appendAll(tx, List.of(answer(outcome))).replaceWith(outcome);
    }

    private static OutboxWriter.Message answer(ReservationOutcome outcome) {
        return outcome.confirmed()
                ? new OutboxWriter.Message(
                        RoutingKeys.RESERVATION_CONFIRMED,
                        outcome.orderId(),
                        null,
                        new ReservationConfirmed(
                                outcome.orderId(), outcome.allocations(), outcome.availabilityVersions()))
                : new OutboxWriter.Message(
                        RoutingKeys.RESERVATION_REFUSED,
                        outcome.orderId(),
                        null,
                        new ReservationRefused(outcome.orderId(), outcome.reason(), outcome.shortLines()));
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
                .preparedQuery("select outcome, availability_versions from reservation_request where order_id = $1")
                .execute(Tuple.of(orderId))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(Optional.<ReservationOutcome>empty());
                    }
                    Row request = rows.iterator().next();
                    if (!"confirmed".equals(request.getString("outcome"))) {
                        return Uni.createFrom().item(Optional.of(ReservationOutcome.refused(orderId, List.of())));
                    }
                    Map<String, Long> versions = new TreeMap<>();
                    JsonObject stored = request.getJsonObject("availability_versions");
                    if (stored != null) {
                        stored.forEach(entry -> versions.put(entry.getKey(), ((Number) entry.getValue()).longValue()));
                    }
                    return allocations(connection, orderId)
                            .map(allocations ->
                                    Optional.of(ReservationOutcome.confirmed(orderId, allocations, versions)));
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
