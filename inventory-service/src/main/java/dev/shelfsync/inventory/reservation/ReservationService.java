package dev.shelfsync.inventory.reservation;

import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.inventory.Allocation;
import dev.shelfsync.contracts.inventory.ReservationConfirmed;
import dev.shelfsync.contracts.inventory.ReservationRefused;
import dev.shelfsync.contracts.orders.ReservationLine;
import dev.shelfsync.contracts.orders.StockReservationRequested;
import dev.shelfsync.inventory.inbox.Inbox;
import dev.shelfsync.inventory.outbox.OutboxWriter;
import dev.shelfsync.inventory.stock.StockChange;
import dev.shelfsync.inventory.stock.StockEvents;
import dev.shelfsync.inventory.stock.StockLevel;
import dev.shelfsync.inventory.stock.StockWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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

    public ReservationService(Pool pool, StockWriter writer, StockEvents events, OutboxWriter outbox, Inbox inbox) {
        this.pool = pool;
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
                .onFailure(ReservationService::isDeadlock)
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
        List<Allocation> allocations = new ArrayList<>();
        List<StockLevel> levels = new ArrayList<>();
        List<String> shortLines = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ReservationLine line : lines) {
            chain = chain.flatMap(ignored -> reserveLine(tx, request.orderId(), line, 0)
                    .invoke(reserved -> reserved.ifPresentOrElse(
                            level -> {
                                levels.add(level);
                                allocations.add(
                                        new Allocation(line.lineId(), line.sku(), level.locationId(), line.quantity()));
                            },
                            () -> shortLines.add(line.lineId())))
                    .replaceWithVoid());
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

    private Uni<Optional<StockLevel>> reserveLine(
            SqlConnection tx, String orderId, ReservationLine line, int candidate) {
        if (candidate >= line.candidateLocationIds().size()) {
            return Uni.createFrom().item(Optional.empty());
        }
        String locationId = line.candidateLocationIds().get(candidate);
        return writer.apply(tx, StockChange.reserve(line.sku(), locationId, line.quantity(), orderId))
                .flatMap(applied -> applied.isPresent()
                        ? Uni.createFrom().item(applied)
                        : reserveLine(tx, orderId, line, candidate + 1));
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

    private static boolean isDeadlock(Throwable failure) {
        return failure instanceof PgException pg
                && ("40P01".equals(pg.getSqlState()) || "40001".equals(pg.getSqlState()));
    }
}
