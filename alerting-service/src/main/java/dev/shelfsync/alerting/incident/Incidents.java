package dev.shelfsync.alerting.incident;

import dev.shelfsync.alerting.alert.AlertDraft;
import dev.shelfsync.alerting.alert.AlertTypes;
import dev.shelfsync.alerting.alert.Alerts;
import dev.shelfsync.alerting.alert.Severity;
import dev.shelfsync.contracts.channels.ChannelDriftDetected;
import dev.shelfsync.contracts.channels.ChannelSyncFailed;
import dev.shelfsync.contracts.channels.UnknownListingReceived;
import dev.shelfsync.contracts.orders.OrderUnfulfillable;
import dev.shelfsync.contracts.returns.InspectionOverdue;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns incidents other contexts report into alerts. Each event is one occurrence: a second event about the same
 * subject while its alert is open counts up and moves last-seen, it does not open another alert.
 */
@ApplicationScoped
public class Incidents {

    private final Alerts alerts;

    public Incidents(Alerts alerts) {
        this.alerts = alerts;
    }

    public Uni<Void> oversell(SqlConnection tx, OrderUnfulfillable event) {
        JsonObject details = new JsonObject()
                .put("orderId", event.orderId())
                .put("channelId", event.channelId())
                .put("externalOrderId", event.externalOrderId())
                .put("shortSkus", new JsonArray(event.shortSkus() == null ? java.util.List.of() : event.shortSkus()))
                .put("action", event.action());
        String summary = "Order " + event.externalOrderId() + " on " + event.channelId() + " could not be reserved ("
                + event.action() + "), short: " + event.shortSkus();
        return raise(tx, AlertTypes.OVERSELL, Severity.critical, "order:" + event.orderId(), summary, details);
    }

    public Uni<Void> syncFailed(SqlConnection tx, ChannelSyncFailed event) {
        JsonObject details = new JsonObject()
                .put("channelId", event.channelId())
                .put("reason", event.reason())
                .put(
                        "failingSince",
                        event.failingSince() == null
                                ? null
                                : event.failingSince().toString())
                .put("pendingListings", event.pendingListings());
        String summary = "Quantity pushes to " + event.channelId() + " are failing: " + event.reason() + " ("
                + event.pendingListings() + " listings pending)";
        return raise(
                tx,
                AlertTypes.CHANNEL_SYNC_FAILED,
                Severity.critical,
                "channel:" + event.channelId(),
                summary,
                details);
    }

    public Uni<Void> drift(SqlConnection tx, ChannelDriftDetected event) {
        JsonObject details = new JsonObject()
                .put("channelId", event.channelId())
                .put("listingId", event.listingId())
                .put("sku", event.sku())
                .put("expected", event.expected())
                .put("observed", event.observed());
        String summary = "Listing " + event.listingId() + " on " + event.channelId() + " shows " + event.observed()
                + ", expected " + event.expected();
        return raise(
                tx,
                AlertTypes.CHANNEL_DRIFT,
                Severity.warning,
                listing(event.channelId(), event.listingId()),
                summary,
                details);
    }

    public Uni<Void> unknownListing(SqlConnection tx, UnknownListingReceived event) {
        JsonObject details = new JsonObject()
                .put("channelId", event.channelId())
                .put("listingId", event.listingId())
                .put("externalOrderId", event.externalOrderId());
        String summary = "Order " + event.externalOrderId() + " on " + event.channelId() + " names unmapped listing "
                + event.listingId();
        return raise(
                tx,
                AlertTypes.UNKNOWN_LISTING,
                Severity.warning,
                listing(event.channelId(), event.listingId()),
                summary,
                details);
    }

    public Uni<Void> inspectionOverdue(SqlConnection tx, InspectionOverdue event) {
        JsonObject details = new JsonObject()
                .put("rmaId", event.rmaId())
                .put("locationId", event.locationId())
                .put(
                        "receivedAt",
                        event.receivedAt() == null ? null : event.receivedAt().toString())
                .put("dueAt", event.dueAt() == null ? null : event.dueAt().toString());
        String summary =
                "Return " + event.rmaId() + " at " + event.locationId() + " was due for inspection at " + event.dueAt();
        return raise(tx, AlertTypes.INSPECTION_OVERDUE, Severity.warning, "return:" + event.rmaId(), summary, details);
    }

    private static String listing(String channelId, String listingId) {
        return "listing:" + channelId + "/" + listingId;
    }

    private Uni<Void> raise(
            SqlConnection tx, String type, Severity severity, String subject, String summary, JsonObject details) {
        return alerts.raise(tx, AlertDraft.of(type, severity, subject, summary, details), true)
                .replaceWithVoid();
    }
}
