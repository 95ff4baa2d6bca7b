package dev.shelfsync.inventory.policy;

import dev.shelfsync.inventory.availability.ChannelPolicy;
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
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Channel availability policies. A change republishes every SKU's availability before it answers. The policy's
 * {@code ringFenced} is the channel's default fence: it applies only to the SKUs the channel has a fence on
 * ({@link FenceResource}).
 */
@RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS, Roles.SERVICE})
@Path("/channel-policies")
public class ChannelPolicyResource {

    private static final String DEFAULT_FENCED =
            "select sku from sku_channel_fence where channel_id = $1 and ring_fenced is null order by sku";

    private final Pool pool;
    private final AvailabilityRepublisher republisher;
    private final FenceRoom room;

    public ChannelPolicyResource(Pool pool, AvailabilityRepublisher republisher, FenceRoom room) {
        this.pool = pool;
        this.republisher = republisher;
        this.room = room;
    }

    @PUT
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS})
    @Path("{channelId}")
    @Operation(
            summary = "Set what a channel may show",
            description = "Buffer, cap, share, backorder limit and the channel's default ring-fence. bufferMode"
                    + " auto sizes the buffer as the units the other channels sell during this channel's sync lag"
                    + " (the gateway's p99), at least safetyStock and at most shelfsync.auto-buffer.max-units. The default"
                    + " fills only the channel's fences on SKUs set without units of their own"
                    + " (PUT /skus/{sku}/channels/{channelId}/fence); it never withholds an SKU the channel has no"
                    + " fence on. Republishes every SKU's availability.")
    @APIResponse(responseCode = "200", description = "The policy stored")
    @APIResponse(responseCode = "400", description = "A negative or out-of-range field (application/problem+json)")
    @APIResponse(
            responseCode = "409",
            description = "fence-exceeds-sellable: the default does not fit an SKU taking it"
                    + " (application/problem+json); nothing stored")
    public Uni<ChannelPolicy> put(
            @PathParam("channelId") @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}") String channelId,
            @Valid @NotNull ChannelPolicyRequest request) {
        return pool.withTransaction(tx -> fillable(tx, channelId, request).flatMap(ok -> tx.preparedQuery(
                                """
                        insert into channel_policy (channel_id, safety_stock, max_shown, share_percent, backorder_limit,
                                                    ring_fenced, buffer_mode)
                        values ($1, coalesce($2, 0), $3, coalesce($4, 100), coalesce($5, 0), coalesce($6, 0),
                                coalesce($7, 'fixed'))
                        on conflict (channel_id) do update set safety_stock = excluded.safety_stock,
                            max_shown = excluded.max_shown, share_percent = excluded.share_percent,
                            backorder_limit = excluded.backorder_limit, ring_fenced = excluded.ring_fenced,
                            buffer_mode = excluded.buffer_mode
                        returning *
                        """)
                        .execute(Tuple.tuple()
                                .addString(channelId)
                                .addInteger(request.safetyStock())
                                .addInteger(request.maxShown())
                                .addInteger(request.sharePercent())
                                .addInteger(request.backorderLimit())
                                .addInteger(request.ringFenced())
                                .addString(request.bufferMode()))))
                .map(rows -> policy(rows.iterator().next()))
                .call(saved -> republisher.republishAll("policy:" + channelId));
    }

    /**
     * Refuses a default fence that some SKU taking it could not hold (see {@link FenceRoom}); SKUs the channel has
     * no fence on are not asked, the default never reaches them.
     */
    private Uni<Void> fillable(SqlConnection tx, String channelId, ChannelPolicyRequest request) {
        Integer fence = request.ringFenced();
        if (fence == null || fence == 0) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(DEFAULT_FENCED).execute(Tuple.of(channelId)).flatMap(rows -> {
            List<String> skus = new ArrayList<>();
            rows.forEach(row -> skus.add(row.getString("sku")));
            return room.require(tx, channelId, skus, fence);
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
                row.getInteger("ring_fenced"),
                row.getString("buffer_mode"));
    }
}
