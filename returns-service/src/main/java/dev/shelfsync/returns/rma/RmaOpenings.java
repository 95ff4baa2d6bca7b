package dev.shelfsync.returns.rma;

import dev.shelfsync.contracts.channels.ReturnRequested;
import dev.shelfsync.platform.inbox.Inbox;
import dev.shelfsync.platform.problem.Problem;
import dev.shelfsync.platform.security.Caller;
import dev.shelfsync.returns.config.ReturnsConfig;
import dev.shelfsync.returns.error.ConflictProblem;
import dev.shelfsync.returns.error.ForbiddenProblem;
import dev.shelfsync.returns.error.InvalidInput;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Opens returns: by warehouse staff at their own location (a repeat with the same idempotency key answers with the
 * return it opened) or from a channel's return request (a redelivery changes nothing).
 */
@ApplicationScoped
public class RmaOpenings {

    private final Pool pool;
    private final RmaStore store;
    private final RmaQueries queries;
    private final Inbox inbox;
    private final ReturnsConfig config;

    public RmaOpenings(Pool pool, RmaStore store, RmaQueries queries, Inbox inbox, ReturnsConfig config) {
        this.pool = pool;
        this.store = store;
        this.queries = queries;
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
                    .flatMap(id -> queries.visible(
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
}
