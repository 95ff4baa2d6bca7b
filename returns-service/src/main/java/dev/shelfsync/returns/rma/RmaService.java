package dev.shelfsync.returns.rma;

import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.channels.ReturnRequested;
import dev.shelfsync.contracts.returns.ReturnUnitsDispositioned;
import dev.shelfsync.contracts.returns.ReturnUnitsReceived;
import dev.shelfsync.platform.inbox.Inbox;
import dev.shelfsync.platform.outbox.OutboxWriter;
import dev.shelfsync.platform.problem.NotFoundProblem;
import dev.shelfsync.platform.problem.Problem;
import dev.shelfsync.platform.security.Caller;
import dev.shelfsync.returns.config.ReturnsConfig;
import dev.shelfsync.returns.error.ConflictProblem;
import dev.shelfsync.returns.error.ForbiddenProblem;
import dev.shelfsync.returns.error.InvalidInput;
import dev.shelfsync.returns.inspection.Checklists;
import dev.shelfsync.returns.inspection.InspectionRequest;
import dev.shelfsync.returns.inspection.InspectionView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The returns workflow. Every command locks its return, lets the aggregate decide, and writes the change, the record
 * of the command (scan, inspection, disposition) and its outbox events in one transaction. A command repeated with
 * the same idempotency key answers with the current state and changes nothing.
 */
@ApplicationScoped
public class RmaService {

    private final Pool pool;
    private final RmaStore store;
    private final OutboxWriter outbox;
    private final Inbox inbox;
    private final ReturnsConfig config;

    public RmaService(Pool pool, RmaStore store, OutboxWriter outbox, Inbox inbox, ReturnsConfig config) {
        this.pool = pool;
        this.store = store;
        this.outbox = outbox;
        this.inbox = inbox;
        this.config = config;
    }

    /** The outcome of a create: the return and whether this call made it (false for a repeat). */
    public record Created(RmaView rma, boolean created) {}

    public Uni<Created> create(CreateRmaRequest request, String requestKey, Caller caller) {
        if (!caller.worksAt(request.locationId())) {
            throw new ForbiddenProblem("You cannot open returns at location " + request.locationId() + ".");
        }
        Map<String, CreateRmaRequest.Line> bySku = new LinkedHashMap<>();
        for (CreateRmaRequest.Line line : request.lines()) {
            if (bySku.putIfAbsent(line.sku(), line) != null) {
                throw new InvalidInput(
                        "Each SKU may appear once on a return.",
                        List.of(new Problem.Violation("lines", "SKU " + line.sku() + " appears more than once")));
            }
        }
        Rma rma = newRma(
                "staff",
                request.channelId(),
                request.externalOrderId(),
                request.externalReturnId(),
                request.locationId(),
                caller.name());
        bySku.values()
                .forEach(line -> rma.lines.put(
                        line.sku(),
                        new RmaLine(
                                line.sku(), line.barcode(), line.quantity(), line.reasonCode(), line.reasonText())));
        return pool.withTransaction(tx -> store.insert(tx, rma, requestKey).flatMap(created -> {
            if (created) {
                return Uni.createFrom().item(new Created(rma.view(config.inspectionSla()), true));
            }
            return store.existingId(tx, requestKey, request.channelId(), request.externalReturnId())
                    .flatMap(id -> visible(
                            tx,
                            id.orElseThrow(
                                    () -> new ConflictProblem("duplicate", "The return already exists.", Map.of())),
                            caller))
                    .map(existing -> new Created(existing.view(config.inspectionSla()), false));
        }));
    }

    /** Opens a return for a channel's return request; a redelivered or repeated request changes nothing. */
    public Uni<Void> fromChannel(ReturnRequested request, String messageId) {
        Rma rma = newRma(
                "channel",
                request.channelId(),
                request.externalOrderId(),
                request.externalReturnId(),
                null,
                "channel:" + request.channelId());
        for (ReturnRequested.ReturnLine line : request.lines()) {
            RmaLine existing = rma.lines.get(line.sku());
            int quantity = line.quantity() + (existing == null ? 0 : existing.quantity);
            String reason = existing == null ? line.reason() : existing.reasonText;
            rma.lines.put(line.sku(), new RmaLine(line.sku(), null, quantity, ReasonCodes.normalise(reason), reason));
        }
        return pool.withTransaction(tx -> inbox.firstDelivery(tx, messageId)
                .flatMap(first -> first
                        ? store.insert(tx, rma, null).replaceWithVoid()
                        : Uni.createFrom().voidItem()));
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

    public Uni<RmaView> get(String id, Caller caller) {
        return visible(pool, id, caller).map(rma -> rma.view(config.inspectionSla()));
    }

    public Uni<List<RmaView>> list(RmaFilter filter, int limit, Caller caller) {
        return store.list(pool, filter, caller.locationFilter(), limit).map(this::views);
    }

    public Uni<List<RmaView>> overdue(int limit, Caller caller) {
        return store.overdue(pool, config.inspectionSla(), caller.locationFilter(), limit)
                .map(this::views);
    }

    public Uni<List<InspectionView>> inspections(String id, Caller caller) {
        return visible(pool, id, caller)
                .flatMap(rma -> pool.preparedQuery("select i.sku, i.category, i.outcome, i.notes, i.photos,"
                                + " i.inspector, i.inspected_at, a.question, a.answer, a.note, a.inspector"
                                + " as answered_by, a.answered_at from inspection i join inspection_answer a"
                                + " on a.rma_id = i.rma_id and a.sku = i.sku where i.rma_id = $1"
                                + " order by i.sku, a.question")
                        .execute(Tuple.of(id)))
                .map(rows -> {
                    Map<String, InspectionView> bySku = new LinkedHashMap<>();
                    for (Row row : rows) {
                        InspectionView inspection = bySku.computeIfAbsent(
                                row.getString("sku"),
                                sku -> new InspectionView(
                                        sku,
                                        row.getString("category"),
                                        row.getString("outcome"),
                                        row.getString("notes"),
                                        Arrays.asList(row.getArrayOfStrings("photos")),
                                        row.getString("inspector"),
                                        row.getOffsetDateTime("inspected_at").toInstant(),
                                        new ArrayList<>()));
                        inspection
                                .answers()
                                .add(new InspectionView.AnswerView(
                                        row.getString("question"),
                                        row.getString("answer"),
                                        row.getString("note"),
                                        row.getString("answered_by"),
                                        row.getOffsetDateTime("answered_at").toInstant()));
                    }
                    return List.copyOf(bySku.values());
                });
    }

    /** Locks the return (404 when missing or not visible to the caller), runs the step, answers the new state. */
    private Uni<RmaView> command(String id, Caller caller, Step step) {
        return pool.withTransaction(tx -> store.lock(tx, id)
                .map(found -> found.filter(rma -> visibleTo(caller, rma)).orElseThrow(() -> notFound(id)))
                .flatMap(rma -> step.apply(tx, rma).map(ignored -> rma.view(config.inspectionSla()))));
    }

    /** A return with no location yet (a channel request not yet received) is visible to every worker. */
    private static boolean visibleTo(Caller caller, Rma rma) {
        return rma.locationId() == null || caller.worksAt(rma.locationId());
    }

    private Uni<Rma> visible(SqlClient client, String id, Caller caller) {
        return store.find(client, id)
                .map(found -> found.filter(rma -> visibleTo(caller, rma)).orElseThrow(() -> notFound(id)));
    }

    private List<RmaView> views(List<Rma> rmas) {
        return rmas.stream().map(rma -> rma.view(config.inspectionSla())).toList();
    }

    private static Rma newRma(
            String source,
            String channelId,
            String externalOrderId,
            String externalReturnId,
            String locationId,
            String createdBy) {
        return new Rma(
                "rma-" + UUID.randomUUID(),
                source,
                channelId,
                externalOrderId,
                externalReturnId,
                locationId,
                Rma.REQUESTED,
                createdBy,
                Instant.now());
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

    private static NotFoundProblem notFound(String id) {
        return new NotFoundProblem("No return " + id + ".");
    }

    /** One step of a command, run on the locked return inside its transaction. */
    @FunctionalInterface
    private interface Step extends BiFunction<SqlConnection, Rma, Uni<Void>> {}
}
