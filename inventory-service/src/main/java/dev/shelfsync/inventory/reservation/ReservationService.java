package dev.shelfsync.inventory.reservation;

import dev.shelfsync.contracts.orders.ReservationLine;
import dev.shelfsync.contracts.orders.StockReservationRequested;
import dev.shelfsync.inventory.rebalance.RebalanceService;
import dev.shelfsync.inventory.stock.StockEvents;
import dev.shelfsync.inventory.stock.StockLevel;
import dev.shelfsync.platform.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Reserves stock for orders and answers every request. A reservation takes every line or none ({@link LineAllocator}
 * finds the stock); this class claims the order id, stores and publishes the outcome, and records refusals.
 * Idempotent by order id: a confirmed order answers the same confirmation again and changes nothing. Releasing and
 * committing a reservation is {@link ReservationSettlement}'s.
 *
 * <p>Every statement of a reservation runs while its SKU locks are held, so each round trip adds to how long other
 * orders of the same SKU wait: policies and bundle components are read once per transaction and passed down, and
 * all outbox rows are appended in one batch.
 */
@ApplicationScoped
public class ReservationService {

    private static final Logger LOG = Logger.getLogger(ReservationService.class);

    private final Pool pool;
    private final ReservationTransactions transactions;
    private final LineAllocator allocator;
    private final StockEvents events;
    private final OutboxWriter outbox;
    private final ReservationMetrics metrics;
    private final RebalanceService rebalances;

    public ReservationService(
            Pool pool,
            ReservationTransactions transactions,
            LineAllocator allocator,
            StockEvents events,
            OutboxWriter outbox,
            ReservationMetrics metrics,
            RebalanceService rebalances) {
        this.pool = pool;
        this.transactions = transactions;
        this.allocator = allocator;
        this.events = events;
        this.outbox = outbox;
        this.metrics = metrics;
        this.rebalances = rebalances;
    }

    /**
     * @param messageId id of the command message, recorded in the same transaction; null for API calls
     * @return the outcome, or null when the message was applied before
     */
    public Uni<ReservationOutcome> reserve(StockReservationRequested request, String messageId) {
        return transactions
                .inTransaction(messageId, tx -> claim(tx, request)
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

    public Uni<Optional<ReservationOutcome>> find(String orderId) {
        return pool.withConnection(connection -> ReservationRecords.existing(connection, orderId));
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
        String orderId = request.orderId();
        return allocator.allocate(tx, request).flatMap(allocated -> {
            // The versions this transaction takes are the first whose numbers include the reservation. They are
            // taken before the allocations are stored, so the request keeps them for a repeated answer; the numbers
            // are read after, because ring-fences count the stored allocations.
            List<StockLevel> levels = allocated.levels();
            return events.takeVersions(tx, levels).flatMap(versions -> ReservationRecords.storeAllocations(
                            tx, orderId, allocated.allocations(), versions)
                    .flatMap(
                            done -> events.messages(tx, levels, "reservation", orderId, versions, allocated.policies()))
                    .map(messages -> ReservationMessages.namingTheSale(messages, request))
                    .flatMap(messages -> {
                        ReservationOutcome outcome =
                                ReservationOutcome.confirmed(orderId, allocated.allocations(), versions);
                        List<OutboxWriter.Message> all = new ArrayList<>(messages);
                        all.add(ReservationMessages.answer(outcome));
                        return outbox.appendAll(tx, all).replaceWith(outcome);
                    }));
        });
    }

    private Uni<ReservationOutcome> recordRefusal(
            StockReservationRequested request, List<String> shortLines, String messageId) {
        // Whether the committed attempt stored the order's first refusal (a retried transaction sets it again).
        AtomicBoolean firstRefusal = new AtomicBoolean();
        return transactions
                .inTransaction(messageId, tx -> tx.preparedQuery(
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
}
