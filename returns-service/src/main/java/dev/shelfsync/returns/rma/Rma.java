package dev.shelfsync.returns.rma;

import dev.shelfsync.contracts.returns.RefundDue;
import dev.shelfsync.platform.security.Caller;
import dev.shelfsync.returns.error.ConflictProblem;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A return authorisation and its workflow: requested -> received -> inspected -> closed. Its behaviour methods refuse
 * every step the current state does not allow, so a repeated or out-of-order command changes nothing.
 */
public final class Rma {

    public static final String REQUESTED = "requested";
    public static final String RECEIVED = "received";
    public static final String INSPECTED = "inspected";
    public static final String CLOSED = "closed";

    final String id;
    final String source;
    final String channelId;
    final String externalOrderId;
    final String externalReturnId;
    final String createdBy;
    final Instant createdAt;
    String locationId;
    String status;
    Instant receivedAt;
    Instant inspectedAt;
    final Map<String, RmaLine> lines = new LinkedHashMap<>();

    Rma(
            String id,
            String source,
            String channelId,
            String externalOrderId,
            String externalReturnId,
            String locationId,
            String status,
            String createdBy,
            Instant createdAt) {
        this.id = id;
        this.source = source;
        this.channelId = channelId;
        this.externalOrderId = externalOrderId;
        this.externalReturnId = externalReturnId;
        this.locationId = locationId;
        this.status = status;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    /** A return with no location yet (a channel request not yet received) is visible to every worker. */
    boolean visibleTo(Caller caller) {
        return locationId == null || caller.worksAt(locationId);
    }

    static Rma fromRow(Row row) {
        Rma rma = new Rma(
                row.getString("id"),
                row.getString("source"),
                row.getString("channel_id"),
                row.getString("external_order_id"),
                row.getString("external_return_id"),
                row.getString("location_id"),
                row.getString("status"),
                row.getString("created_by"),
                instant(row.getOffsetDateTime("created_at")));
        rma.receivedAt = instant(row.getOffsetDateTime("received_at"));
        rma.inspectedAt = instant(row.getOffsetDateTime("inspected_at"));
        return rma;
    }

    public String id() {
        return id;
    }

    public String locationId() {
        return locationId;
    }

    public String status() {
        return status;
    }

    public Optional<RmaLine> line(String sku) {
        return Optional.ofNullable(lines.get(sku));
    }

    /**
     * Records received units of the line whose SKU or barcode was scanned; the first receipt binds the return to the
     * location and starts the inspection clock.
     *
     * @return the SKU that was received
     */
    String receive(String code, String location, int units, Instant now) {
        if (!REQUESTED.equals(status) && !RECEIVED.equals(status)) {
            throw conflict("not-receivable", "Return " + id + " is " + status + " and takes no more receipts.");
        }
        if (receivedAt != null && !location.equals(locationId)) {
            throw conflict(
                    "other-location",
                    "Return " + id + " is being received at " + locationId + "; all its units must go there.");
        }
        RmaLine line = lines.values().stream()
                .filter(l -> l.matches(code))
                .findFirst()
                .orElseThrow(() -> conflict("not-on-return", "Code " + code + " is not on return " + id + "."));
        if (line.received + units > line.quantity) {
            throw conflict(
                    "over-receipt",
                    "Return " + id + " announced " + line.quantity + " of " + line.sku + "; " + line.received
                            + " already received.");
        }
        line.received += units;
        locationId = location;
        status = RECEIVED;
        if (receivedAt == null) {
            receivedAt = now;
        }
        return line.sku;
    }

    /**
     * Records the inspection result of a received line. When every received line is inspected the return is inspected,
     * and if any units were accepted a refund becomes due.
     */
    Optional<RefundDue> inspect(String sku, String outcome, Instant now) {
        RmaLine line = line(sku).orElseThrow(() -> conflict("not-on-return", sku + " is not on return " + id + "."));
        if (!RECEIVED.equals(status) || line.received == 0) {
            throw conflict("not-inspectable", "Return " + id + " has no received units of " + sku + " to inspect.");
        }
        if (line.inspected()) {
            throw conflict("already-inspected", sku + " on return " + id + " is already inspected.");
        }
        line.inspectionOutcome = outcome;
        boolean allInspected =
                lines.values().stream().filter(l -> l.received > 0).allMatch(RmaLine::inspected);
        if (!allInspected) {
            return Optional.empty();
        }
        status = INSPECTED;
        inspectedAt = now;
        List<RefundDue.RefundLine> refund = new ArrayList<>();
        for (RmaLine l : lines.values()) {
            if ("accept".equals(l.inspectionOutcome)) {
                refund.add(new RefundDue.RefundLine(l.sku, l.received));
            }
        }
        return refund.isEmpty()
                ? Optional.empty()
                : Optional.of(new RefundDue(id, channelId, externalOrderId, List.copyOf(refund)));
    }

    /**
     * Decides where inspected units go. Refurbish keeps units on hold; a later restock, discard or return to vendor
     * {@code fromRefurbishment} releases them. When no received unit is left undecided the return is closed.
     */
    void dispose(String sku, int units, String disposition, boolean fromRefurbishment) {
        RmaLine line = line(sku).orElseThrow(() -> conflict("not-on-return", sku + " is not on return " + id + "."));
        if (!line.inspected()) {
            throw conflict("not-inspected", sku + " on return " + id + " must be inspected before its disposition.");
        }
        int free = line.undecided() - line.refurbishing;
        int available = fromRefurbishment ? line.refurbishing : free;
        if ("refurbish".equals(disposition) && fromRefurbishment) {
            throw conflict("already-refurbishing", "Units in refurbishment cannot be sent to refurbishment again.");
        }
        if (units > available) {
            throw conflict(
                    "too-many-units",
                    "Only " + available + " unit(s) of " + sku + " on return " + id + " can take this disposition.");
        }
        if (fromRefurbishment) {
            line.refurbishing -= units;
        }
        switch (disposition) {
            case "restock" -> line.restocked += units;
            case "refurbish" -> line.refurbishing += units;
            case "discard" -> line.discarded += units;
            case "return-to-vendor" -> line.returnedToVendor += units;
            default -> throw new IllegalArgumentException("unknown disposition " + disposition);
        }
        boolean settled = lines.values().stream().allMatch(l -> l.undecided() == 0);
        if (settled && INSPECTED.equals(status)) {
            status = CLOSED;
        }
    }

    RmaView view(Duration inspectionSla) {
        return new RmaView(
                id,
                source,
                channelId,
                externalOrderId,
                externalReturnId,
                locationId,
                status,
                createdBy,
                createdAt,
                receivedAt,
                receivedAt == null ? null : receivedAt.plus(inspectionSla),
                inspectedAt,
                lines.values().stream().map(RmaLine::view).toList());
    }

    private ConflictProblem conflict(String type, String detail) {
        return new ConflictProblem(type, detail, Map.of("rmaId", id, "status", status));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
