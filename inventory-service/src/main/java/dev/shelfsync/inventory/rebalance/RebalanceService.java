package dev.shelfsync.inventory.rebalance;

import dev.shelfsync.contracts.channels.AvailabilityAcknowledged;
import dev.shelfsync.inventory.availability.AvailabilityOutbox;
import dev.shelfsync.inventory.availability.AvailabilityReader;
import dev.shelfsync.inventory.config.RebalanceConfig;
import dev.shelfsync.inventory.error.ConflictProblem;
import dev.shelfsync.inventory.stock.StockService;
import dev.shelfsync.platform.inbox.Inbox;
import dev.shelfsync.platform.outbox.OutboxWriter;
import dev.shelfsync.platform.problem.NotFoundProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Moves units between two channels' fences on an SKU without letting a store show a unit another channel may sell:
 * the giver's fence is lowered first, and the receiver's raised only once the giver's store acknowledged the lower
 * number ({@code channels.availability-acknowledged}). Until then the units in transit are shown to nobody and only
 * the giver may still reserve them. Every step holds the SKU lock, the one every reservation of the SKU takes first.
 */
@ApplicationScoped
public class RebalanceService {

    private static final String INSERT =
            """
            insert into fence_rebalance (id, sku, from_channel_id, to_channel_id, units, reason, actor, lowered_version)
            values ($1, $2, $3, $4, $5, $6, $7, $8) returning *
            """;
    private static final String SET_FENCE =
            "update sku_channel_fence set ring_fenced = $3 where sku = $1 and channel_id = $2";
    private static final String LOWERING =
            """
            select * from fence_rebalance
             where sku = $1 and from_channel_id = $2 and state = 'lowering' and lowered_version <= $3
            """;
    private static final String COMPLETE =
            "update fence_rebalance set state = 'completed', moved = $2, completed_at = now() where id = $1 returning *";

    private final StockService stock;
    private final AvailabilityOutbox availability;
    private final AvailabilityReader reader;
    private final OutboxWriter outbox;
    private final Inbox inbox;
    private final RebalanceConfig config;

    public RebalanceService(
            StockService stock,
            AvailabilityOutbox availability,
            AvailabilityReader reader,
            OutboxWriter outbox,
            Inbox inbox,
            RebalanceConfig config) {
        this.stock = stock;
        this.availability = availability;
        this.reader = reader;
        this.outbox = outbox;
        this.inbox = inbox;
        this.config = config;
    }

    /** Merchant-ops' move; refused (nothing changed) without both fences or beyond what the giver holds. */
    public Uni<Rebalance> request(String sku, RebalanceRequest request, String actor) {
        if (request.fromChannelId().equals(request.toChannelId())) {
            throw new ConflictProblem("same-channel", "A rebalance moves units between two channels.", Map.of());
        }
        return stock.transaction(tx -> lock(tx, sku)
                .flatMap(found -> {
                    if (!found) {
                        throw new NotFoundProblem("SKU " + sku + " does not exist.");
                    }
                    return FenceStates.read(tx, sku);
                })
                .flatMap(states -> start(
                        tx,
                        sku,
                        states,
                        request.fromChannelId(),
                        request.toChannelId(),
                        request.units(),
                        request.reason(),
                        actor)));
    }

    /**
     * After a confirmed sale of {@code channelId}: when it has sold its fence on one of the SKUs and another
     * channel's fence still holds more than the threshold, half of that excess (at least one unit) starts moving
     * to it. In its own transaction, after the sale committed; nothing when rebalancing is off.
     */
    public Uni<Void> afterSale(String channelId, Collection<String> skus) {
        if (!config.enabled() || channelId == null) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String sku : skus.stream().distinct().sorted().toList()) {
            chain = chain.flatMap(ignored -> stock.transaction(tx -> lock(tx, sku)
                            .flatMap(found -> found
                                    ? FenceStates.read(tx, sku)
                                    : Uni.createFrom().item(Map.<String, FenceStates.State>of()))
                            .flatMap(states -> towards(tx, sku, states, channelId)))
                    .replaceWithVoid());
        }
        return chain;
    }

    /**
     * The giver's store shows {@code version} or later: its moves lowered by then reach their receivers. Most
     * acknowledgements find no move waiting; those never take the SKU lock, which every sale of the SKU needs.
     */
    public Uni<Void> acknowledged(AvailabilityAcknowledged event, String messageId) {
        Tuple waiting = Tuple.of(event.sku(), event.channelId(), event.version());
        return stock.transaction(tx -> inbox.firstDelivery(tx, messageId)
                .flatMap(first -> first
                        ? tx.preparedQuery(LOWERING).execute(waiting)
                        : Uni.createFrom().<RowSet<Row>>nullItem())
                .flatMap(found -> found == null || found.size() == 0
                        ? Uni.createFrom().voidItem()
                        : lock(tx, event.sku())
                                .flatMap(locked -> tx.preparedQuery(LOWERING + " for update")
                                        .execute(waiting))
                                .flatMap(rows -> rows.size() == 0
                                        ? Uni.createFrom().voidItem()
                                        : complete(tx, row(rows.iterator().next())))));
    }

    private Uni<Void> complete(SqlConnection tx, Rebalance lowering) {
        return FenceStates.read(tx, lowering.sku()).flatMap(states -> {
            FenceStates.State giver = states.get(lowering.fromChannelId());
            FenceStates.State receiver = states.get(lowering.toChannelId());
            // Units the giver sold beyond its lowered fence came out of those in transit.
            int sold = giver == null ? 0 : Math.max(0, giver.reserved() - giver.effective());
            int moved = Math.max(0, lowering.units() - sold);
            Uni<Void> raise = receiver == null || moved == 0
                    ? Uni.createFrom().voidItem()
                    : tx.preparedQuery(SET_FENCE)
                            .execute(Tuple.of(lowering.sku(), receiver.channelId(), receiver.effective() + moved))
                            .replaceWithVoid();
            return raise.flatMap(raised -> tx.preparedQuery(COMPLETE).execute(Tuple.of(lowering.id(), moved)))
                    .flatMap(done -> availability.publish(tx, List.of(lowering.sku()), "rebalance:" + lowering.id()));
        });
    }

    private Uni<Void> towards(SqlConnection tx, String sku, Map<String, FenceStates.State> states, String channelId) {
        FenceStates.State receiver = states.get(channelId);
        if (receiver == null || receiver.remaining() > 0 || receiver.receiving()) {
            return Uni.createFrom().voidItem();
        }
        Optional<FenceStates.State> giver = states.values().stream()
                .filter(state -> !state.channelId().equals(channelId) && !state.giving())
                .filter(state -> state.remaining() > config.threshold())
                .max(Comparator.comparingInt(FenceStates.State::remaining));
        if (giver.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int units = Math.max(1, (giver.get().remaining() - config.threshold()) / 2);
        return start(tx, sku, states, giver.get().channelId(), channelId, units, "sold-out", "rebalancer")
                .replaceWithVoid();
    }

    /** Lowers the giver's fence and records the move, under the SKU lock; the receiver waits for the giver's store. */
    private Uni<Rebalance> start(
            SqlConnection tx,
            String sku,
            Map<String, FenceStates.State> states,
            String from,
            String to,
            int units,
            String reason,
            String actor) {
        FenceStates.State giver = states.get(from);
        if (giver == null || !states.containsKey(to)) {
            throw new NotFoundProblem("Channel " + (giver == null ? from : to) + " has no fence on " + sku + ".");
        }
        if (giver.giving()) {
            throw new ConflictProblem(
                    "rebalance-in-progress",
                    "A move out of " + from + "'s fence on " + sku + " waits for its store; try again after.",
                    Map.of("fromChannelId", from));
        }
        if (units > giver.remaining()) {
            throw new ConflictProblem(
                    "rebalance-exceeds-fence",
                    "Channel " + from + " holds " + giver.remaining() + " units of " + sku
                            + " in its fence, fewer than " + units + ".",
                    Map.of("units", units, "holds", giver.remaining()));
        }
        UUID id = UUID.randomUUID();
        return reader.policies(tx)
                .flatMap(policies -> availability.nextVersions(tx, List.of(sku)).flatMap(versions -> tx.preparedQuery(
                                SET_FENCE)
                        .execute(Tuple.of(sku, from, giver.effective() - units))
                        .flatMap(lowered -> tx.preparedQuery(INSERT)
                                .execute(Tuple.tuple()
                                        .addUUID(id)
                                        .addString(sku)
                                        .addString(from)
                                        .addString(to)
                                        .addInteger(units)
                                        .addString(reason)
                                        .addString(actor)
                                        .addLong(versions.get(sku))))
                        .map(rows -> row(rows.iterator().next()))
                        .call(rebalance -> availability
                                .events(tx, versions, "rebalance:" + id, policies)
                                .flatMap(events -> outbox.appendAll(tx, events)))));
    }

    private static Uni<Boolean> lock(SqlConnection tx, String sku) {
        return tx.preparedQuery("select sku from sku where sku = $1 for no key update")
                .execute(Tuple.of(sku))
                .map(rows -> rows.size() == 1);
    }

    static Rebalance row(Row row) {
        return new Rebalance(
                row.getUUID("id"),
                row.getString("sku"),
                row.getString("from_channel_id"),
                row.getString("to_channel_id"),
                row.getInteger("units"),
                row.getInteger("moved"),
                row.getString("reason"),
                row.getString("actor"),
                row.getString("state"),
                row.getLong("lowered_version"),
                row.getOffsetDateTime("requested_at"),
                row.getOffsetDateTime("completed_at"));
    }
}
