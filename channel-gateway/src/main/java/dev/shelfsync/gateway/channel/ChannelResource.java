package dev.shelfsync.gateway.channel;

import dev.shelfsync.gateway.push.PushScheduler;
import dev.shelfsync.platform.persistence.CreatingPut;
import dev.shelfsync.platform.problem.NotFoundProblem;
import dev.shelfsync.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
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

    private final ChannelRegistry channels;
    private final EndpointGuard guard;
    private final PushScheduler pushers;
    private final Vertx vertx;

    public ChannelResource(ChannelRegistry channels, EndpointGuard guard, PushScheduler pushers, Vertx vertx) {
        this.channels = channels;
        this.guard = guard;
        this.pushers = pushers;
        this.vertx = vertx;
    }

    @PUT
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS})
    @Path("/{channelId}")
    public Uni<Response> put(
            @PathParam("channelId") @Pattern(regexp = ID, message = "must be 1-64 letters, digits, '.', '_' or '-'")
                    String channelId,
            @NotNull @Valid ChannelRequest request) {
        // the guard resolves the host, so it runs on a worker; the write then continues on the request's context,
        // where Hibernate Reactive's session lives
        Uni<Void> checked = request.apiBaseUrl() == null
                ? Uni.createFrom().voidItem()
                : vertx.executeBlocking(() -> {
                    guard.check(request.apiBaseUrl());
                    return null;
                });
        return checked.flatMap(ok -> CreatingPut.retryingARaceToCreate(() -> channels.put(channelId, request)))
                .map(saved -> {
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
        return channels.find(channelId).map(found -> found.map(ChannelView::of)
                .orElseThrow(() -> new NotFoundProblem("Channel " + channelId + " does not exist.")));
    }

    @GET
    public Uni<List<ChannelView>> list() {
        return channels.list().map(all -> all.stream().map(ChannelView::of).toList());
    }
}
