package dev.shelfsync.gateway.intake;

import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.channels.ReturnRequested;
import dev.shelfsync.gateway.channel.Channel;
import dev.shelfsync.gateway.intake.IntakeService.Outcome;
import dev.shelfsync.platform.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a return request means, inside the intake's transaction: {@code channels.return-requested} with the returned
 * units in internal SKUs. The mapped lines go on even when others are unmapped (the intake is then parked with
 * them); a return with no mapped line publishes nothing.
 */
@ApplicationScoped
class ReturnIntake {

    private final OutboxWriter outbox;

    ReturnIntake(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    Uni<IntakeResult> requested(SqlConnection tx, Channel channel, ParsedWebhook webhook) {
        return MappedLines.read(tx, channel.id(), webhook.lines()).flatMap(mappings -> {
            List<ReturnRequested.ReturnLine> lines = new ArrayList<>();
            Set<String> unknown = mappings.each(
                    webhook.lines(),
                    (line, mapping) -> lines.add(new ReturnRequested.ReturnLine(
                            mapping.sku(), line.quantity() * mapping.packSize(), webhook.reason())));
            if (lines.isEmpty()) {
                return Uni.createFrom().item(new IntakeResult(Outcome.PARKED, unknown.toArray(new String[0])));
            }
            return outbox.append(
                            tx,
                            RoutingKeys.RETURN_REQUESTED,
                            webhook.correlationId(channel.id()),
                            null,
                            new ReturnRequested(
                                    channel.id(), webhook.externalOrderId(), webhook.externalReturnId(), lines))
                    .replaceWith(new IntakeResult(
                            unknown.isEmpty() ? Outcome.ACCEPTED : Outcome.PARKED,
                            unknown.isEmpty() ? null : unknown.toArray(new String[0])));
        });
    }
}
