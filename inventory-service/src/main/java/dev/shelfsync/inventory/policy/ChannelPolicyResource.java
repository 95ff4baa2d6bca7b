package dev.shelfsync.inventory.policy;

import dev.shelfsync.inventory.availability.ChannelPolicy;
import dev.shelfsync.inventory.error.ConflictProblem;
import dev.shelfsync.platform.problem.NotFoundProblem;
import dev.shelfsync.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.Map;

/** Channel availability policies. A change republishes every SKU's availability before it answers. */
@RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS, Roles.SERVICE})
@Path("/channel-policies")
public class ChannelPolicyResource {

    private static final String LARGEST_FILLABLE =
            """
            select coalesce(max(units), 0)::int as units from (
                select sum(s.on_hand - s.reserved - s.damaged - s.quality_hold)
                       + coalesce((select sum(r.quantity) from reservation r
                                     join reservation_request q on q.order_id = r.order_id
                                    where r.sku = s.sku and q.status = 'open' and q.channel_id = $1), 0) as units
                  from stock_level s join location l on l.id = s.location_id
                 where l.active and (cardinality(l.serves_channels) = 0 or $1 = any(l.serves_channels))
                 group by s.sku) per_sku
            """;

    private final Pool pool;
    private final AvailabilityRepublisher republisher;

    public ChannelPolicyResource(Pool pool, AvailabilityRepublisher republisher) {
        this.pool = pool;
        this.republisher = republisher;
    }

    @PUT
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS})
    @Path("{channelId}")
    public Uni<ChannelPolicy> put(
            @PathParam("channelId") @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}") String channelId,
            @Valid @NotNull ChannelPolicyRequest request) {
        return pool.withTransaction(tx -> fillable(tx, channelId, request).flatMap(ok -> tx.preparedQuery(
                                """
                        insert into channel_policy (channel_id, safety_stock, max_shown, share_percent, backorder_limit,
                                                    ring_fenced)
                        values ($1, coalesce($2, 0), $3, coalesce($4, 100), coalesce($5, 0), coalesce($6, 0))
                        on conflict (channel_id) do update set safety_stock = excluded.safety_stock,
                            max_shown = excluded.max_shown, share_percent = excluded.share_percent,
                            backorder_limit = excluded.backorder_limit, ring_fenced = excluded.ring_fenced
                        returning *
                        """)
                        .execute(Tuple.tuple()
                                .addString(channelId)
                                .addInteger(request.safetyStock())
                                .addInteger(request.maxShown())
                                .addInteger(request.sharePercent())
                                .addInteger(request.backorderLimit())
                                .addInteger(request.ringFenced()))))
                .map(rows -> policy(rows.iterator().next()))
                .call(saved -> republisher.republishAll("policy:" + channelId));
    }

    /**
     * Refuses a fence that no SKU could fill: larger than what any SKU has sellable at the locations serving the
     * channel, counting the units the channel's own open reservations already hold (they fill its fence).
     */
    private static Uni<Void> fillable(SqlConnection tx, String channelId, ChannelPolicyRequest request) {
        Integer fence = request.ringFenced();
        if (fence == null || fence == 0) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(LARGEST_FILLABLE).execute(Tuple.of(channelId)).map(rows -> {
            int largest = rows.iterator().next().getInteger("units");
            if (fence > largest) {
                throw new ConflictProblem(
                        "fence-exceeds-sellable",
                        "A ring-fence of " + fence + " for channel " + channelId
                                + " exceeds the sellable units of every SKU at its locations (at most " + largest
                                + ").",
                        Map.of("ringFenced", fence, "largestSellable", largest));
            }
            return null;
        });
    }

    @GET
    @Path("{channelId}")
    public Uni<ChannelPolicy> get(@PathParam("channelId") String channelId) {
        return pool.preparedQuery("select * from channel_policy where channel_id = $1")
                .execute(Tuple.of(channelId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new NotFoundProblem("Channel " + channelId + " has no policy; it sees the whole pool.");
                    }
                    return policy(rows.iterator().next());
                });
    }

    private static ChannelPolicy policy(Row row) {
        return new ChannelPolicy(
                row.getString("channel_id"),
                row.getInteger("safety_stock"),
                row.getInteger("max_shown"),
                row.getInteger("share_percent"),
                row.getInteger("backorder_limit"),
                row.getInteger("ring_fenced"));
    }
}
