package dev.shelfsync.returns.rma;

import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.returns.ReturnUnitsDispositioned;
import dev.shelfsync.contracts.returns.ReturnUnitsReceived;
import dev.shelfsync.platform.outbox.OutboxWriter;
import dev.shelfsync.platform.problem.Problem;
import dev.shelfsync.platform.security.Caller;
import dev.shelfsync.returns.config.ReturnsConfig;
import dev.shelfsync.returns.error.ConflictProblem;
import dev.shelfsync.returns.error.ForbiddenProblem;
import dev.shelfsync.returns.error.InvalidInput;
import dev.shelfsync.returns.inspection.Checklists;
import dev.shelfsync.returns.inspection.InspectionRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The returns workflow: receive, inspect, disposition. Every command locks its return, lets the aggregate decide,
 * and writes the change, the record of the command (scan, inspection, disposition) and its outbox events in one
 * transaction. A command repeated with the same idempotency key answers with the current state and changes nothing.
 */
@ApplicationScoped
public class RmaWorkflow {

    private final Pool pool;
    private final RmaStore store;
    private final OutboxWriter outbox;
    private final ReturnsConfig config;

    public RmaWorkflow(Pool pool, RmaStore store, OutboxWriter outbox, ReturnsConfig config) {
        this.pool = pool;
        this.store = store;
        this.outbox = outbox;
        this.config = config;
    }

    public Uni<RmaView> receive(String id, ReceiptRequest request, Caller caller) {
        if (!caller.worksAt(request.locationId())) {
            throw new ForbiddenProblem("You cannot receive returns at location " + request.locationId() + ".");
        }
        return command(id, caller, (tx, rma) -> tx.preparedQuery(
                        "select rma_id, location_id, quantity from receipt_scan where scan_id = $1")
                .execute(Tuple.of(request.scanId()))
                .flatMap(rows -> {
                    if (rows.size() > 0) {
                        Row scan = rows.iterator().next();
                        requireSame(
                                "scan",
                                request.scanId(),
                                List.of(id, request.locationId(), request.units()),
                                List.of(
                                        scan.getString("rma_id"),
                                        scan.getString("location_id"),
                                        scan.getInteger("quantity")));
                        return Uni.createFrom().voidItem();
                    }
                    String sku = rma.receive(request.code(), request.locationId(), request.units(), Instant.now());
                    return tx.preparedQuery("insert into receipt_scan (scan_id, rma_id, sku, location_id, quantity,"
                                    + " scanned_by) values ($1, $2, $3, $4, $5, $6)")
                            .execute(Tuple.of(
                                    request.scanId(), id, sku, request.locationId(), request.units(), caller.name()))
                            .flatMap(ignored -> store.save(tx, rma))
                            .flatMap(ignored -> outbox.append(
                                    tx,
                                    RoutingKeys.RETURN_UNITS_RECEIVED,
                                    id,
                                    null,
                                    new ReturnUnitsReceived(id, sku, request.locationId(), request.units())));
                }));
    }

    public Uni<RmaView> inspect(String id, InspectionRequest request, Caller caller) {
        Checklists.requireComplete(request);
        return command(id, caller, (tx, rma) -> tx.preparedQuery(
                        "select outcome from inspection where rma_id = $1 and sku = $2")
                .execute(Tuple.of(id, request.sku()))
                .flatMap(rows -> {
                    if (rows.size() > 0) {
                        if (!request.outcome().equals(rows.iterator().next().getString("outcome"))) {
                            throw new ConflictProblem(
                                    "already-inspected",
                                    request.sku() + " on return " + id + " is already inspected with another outcome.",
                                    Map.of("rmaId", id));
                        }
                        return Uni.createFrom().voidItem();
                    }
                    var refund = rma.inspect(request.sku(), request.outcome(), Instant.now());
                    List<Tuple> answers = new ArrayList<>();
                    for (InspectionRequest.Answer answer : request.answers()) {
                        answers.add(Tuple.of(
                                id, request.sku(), answer.question(), answer.answer(), answer.note(), caller.name()));
                    }
                    String[] photos = request.photos() == null
                            ? new String[0]
                            : request.photos().toArray(new String[0]);
                    Uni<Void> written = tx.preparedQuery("insert into inspection (rma_id, sku, category, outcome,"
                                    + " notes, photos, inspector) values ($1, $2, $3, $4, $5, $6, $7)")
                            .execute(Tuple.from(new Object[] {
                                id,
                                request.sku(),
                                request.category(),
                                request.outcome(),
                                request.notes(),
                                photos,
                                caller.name()
                            }))
                            .flatMap(ignored -> tx.preparedQuery("insert into inspection_answer (rma_id, sku,"
                                            + " question, answer, note, inspector) values ($1, $2, $3, $4, $5, $6)")
                                    .executeBatch(answers))
                            .flatMap(ignored -> store.save(tx, rma));
                    return refund.isEmpty()
                            ? written
                            : written.flatMap(
                                    ignored -> outbox.append(tx, RoutingKeys.REFUND_DUE, id, null, refund.get()));
                }));
    }

    public Uni<RmaView> dispose(String id, DispositionRequest request, Caller caller) {
        if ("refurbish".equals(request.disposition())
                && (request.note() == null || request.note().isBlank())) {
            throw new InvalidInput(
                    "Refurbishment needs a work note.",
                    List.of(new Problem.Violation("note", "must not be blank for refurbish")));
        }
        return command(id, caller, (tx, rma) -> tx.preparedQuery(
                        "select rma_id, sku, quantity, disposition, from_refurbishment from disposition"
                                + " where disposition_id = $1")
                .execute(Tuple.of(request.dispositionId()))
                .flatMap(rows -> {
                    if (rows.size() > 0) {
                        Row done = rows.iterator().next();
                        requireSame(
                                "disposition",
                                request.dispositionId(),
                                List.of(
                                        id,
                                        request.sku(),
                                        request.quantity(),
                                        request.disposition(),
                                        request.releasesRefurbishment()),
                                List.of(
                                        done.getString("rma_id"),
                                        done.getString("sku"),
                                        done.getInteger("quantity"),
                                        done.getString("disposition"),
                                        done.getBoolean("from_refurbishment")));
                        return Uni.createFrom().voidItem();
                    }
                    rma.dispose(
                            request.sku(), request.quantity(), request.disposition(), request.releasesRefurbishment());
                    return tx.preparedQuery("insert into disposition (disposition_id, rma_id, sku, quantity,"
                                    + " disposition, from_refurbishment, note, actor)"
                                    + " values ($1, $2, $3, $4, $5, $6, $7, $8)")
                            .execute(Tuple.from(new Object[] {
                                request.dispositionId(),
                                id,
                                request.sku(),
                                request.quantity(),
                                request.disposition(),
                                request.releasesRefurbishment(),
                                request.note(),
                                caller.name()
                            }))
                            .flatMap(ignored -> store.save(tx, rma))
                            .flatMap(ignored -> outbox.append(
                                    tx,
                                    RoutingKeys.RETURN_UNITS_DISPOSITIONED,
                                    id,
                                    null,
                                    new ReturnUnitsDispositioned(
                                            id,
                                            request.sku(),
                                            rma.locationId(),
                                            request.quantity(),
                                            request.disposition())));
                }));
    }

    /** Locks the return (404 when missing or not visible to the caller), runs the step, answers the new state. */
    private Uni<RmaView> command(String id, Caller caller, Step step) {
        return pool.withTransaction(tx -> store.lock(tx, id)
                .map(found -> found.filter(rma -> rma.visibleTo(caller)).orElseThrow(() -> RmaQueries.notFound(id)))
                .flatMap(rma -> step.apply(tx, rma).map(ignored -> rma.view(config.inspectionSla()))));
    }

    /** A repeated idempotency key must carry the same command; a different one is a client error. */
    private static void requireSame(String what, String key, List<Object> requested, List<Object> recorded) {
        for (int i = 0; i < requested.size(); i++) {
            if (!Objects.equals(requested.get(i), recorded.get(i))) {
                throw new ConflictProblem(
                        "idempotency-key-reused",
                        "The " + what + " id " + key + " was already used for a different " + what + ".",
                        Map.of(what + "Id", key));
            }
        }
    }

    /** One step of a command, run on the locked return inside its transaction. */
    @FunctionalInterface
    private interface Step extends BiFunction<SqlConnection, Rma, Uni<Void>> {}
}
