package dev.shelfsync.gateway.channel;

import dev.shelfsync.gateway.push.PushScheduler;
import dev.shelfsync.platform.problem.NotFoundProblem;
import dev.shelfsync.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/** The channel registry: which marketplaces, where their APIs are, how fast they may be called. */
@RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS, Roles.SERVICE})
@Path("/channels")
public class ChannelResource {

    static final String ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private final ChannelRepository channels;
    private final EndpointGuard guard;
    private final PushScheduler pushers;

    public ChannelResource(ChannelRepository channels, EndpointGuard guard, PushScheduler pushers) {
        this.channels = channels;
        this.guard = guard;
        this.pushers = pushers;
    }

    @PUT
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS})
    @Path("/{channelId}")
    public Uni<Response> put(
            @PathParam("channelId") @Pattern(regexp = ID, message = "must be 1-64 letters, digits, '.', '_' or '-'")
                    String channelId,
            @NotNull @Valid ChannelRequest request) {
        Uni<Void> checked = request.apiBaseUrl() == null
                ? Uni.createFrom().voidItem()
                : Uni.createFrom()
                        .item(() -> {
                            guard.check(request.apiBaseUrl());
                            return (Void) null;
                        })
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return checked.flatMap(ok -> channels.upsert(channelId, request)).map(saved -> {
            pushers.refresh(saved.channel());
            ChannelView view = ChannelView.of(saved.channel());
            return saved.created()
                    ? Response.created(URI.create("/channels/" + channelId))
                            .entity(view)
                            .build()
                    : Response.ok(view).build();
        });
    }

    @GET
    @Path("/{channelId}")
    public Uni<ChannelView> get(@PathParam("channelId") String channelId) {
        return channels.find(channelId).map(channel -> {
            if (channel == null) {
                throw new NotFoundProblem("Channel " + channelId + " does not exist.");
            }
            return ChannelView.of(channel);
        });
    }

    @GET
    public Uni<List<ChannelView>> list() {
        return channels.all().map(all -> all.stream().map(ChannelView::of).toList());
    }
}
