package dev.shelfsync.gateway.listing;

import dev.shelfsync.gateway.channel.ChannelRepository;
import dev.shelfsync.gateway.push.PushScheduler;
import dev.shelfsync.platform.problem.NotFoundProblem;
import dev.shelfsync.platform.problem.Problem;
import dev.shelfsync.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Listing mappings per channel: marketplace listing id -> internal SKU with pack multiplier. */
@RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS, Roles.SERVICE})
@Path("/channels/{channelId}/listings")
public class ListingResource {

    private final ListingRepository listings;
    private final PushScheduler pushers;
    private final ChannelRepository channels;
    private final ListingExplanations explanations;

    public ListingResource(
            ListingRepository listings,
            PushScheduler pushers,
            ChannelRepository channels,
            ListingExplanations explanations) {
        this.listings = listings;
        this.pushers = pushers;
        this.channels = channels;
        this.explanations = explanations;
    }

    @PUT
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS})
    @Path("/{listingId}")
    public Uni<ListingView> put(
            @PathParam("channelId") String channelId,
            @PathParam("listingId") @Size(min = 1, max = 200) String listingId,
            @NotNull @Valid ListingRequest request) {
        return listings.upsert(channelId, listingId, request).invoke(view -> pushers.wake(channelId));
    }

    /** Bulk import, {@code text/csv}: header {@code listingId,sku,packSize[,inventoryItemId]}; all rows or none. */
    @POST
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS})
    @Path("/import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    public Uni<Response> importCsv(@PathParam("channelId") String channelId, String csv) {
        ListingImport.Parsed parsed = ListingImport.parse(csv == null ? "" : csv);
        if (!parsed.violations().isEmpty()) {
            return Uni.createFrom().item(Problem.withViolations("The CSV has invalid lines.", parsed.violations()));
        }
        return listings.upsertAll(channelId, parsed.rows()).map(count -> {
            pushers.wake(channelId);
            return Response.ok(Map.of("imported", count)).build();
        });
    }

    @GET
    @Path("/{listingId}")
    public Uni<ListingView> get(@PathParam("channelId") String channelId, @PathParam("listingId") String listingId) {
        return listings.find(channelId, listingId).map(view -> {
            if (view == null) {
                throw new NotFoundProblem("Listing " + listingId + " is not mapped on channel " + channelId + ".");
            }
            return view;
        });
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS})
    @Path("/{sku}/explanation")
    @Operation(
            summary = "Why the channel's listings of an SKU show what they show",
            description = "The availability received from inventory, the sales in flight subtracted, the pack"
                    + " multiplier, the quantity wanted and what was last pushed, sent and acknowledged; for a"
                    + " ring-fenced listing the believed shelf it is compared with.")
    @APIResponse(responseCode = "200", description = "The explanation")
    @APIResponse(
            responseCode = "404",
            description = "Unknown channel, or no listing of the SKU on it (application/problem+json)")
    public Uni<ListingExplanation> explain(@PathParam("channelId") String channelId, @PathParam("sku") String sku) {
        return channels.find(channelId).flatMap(channel -> {
            if (channel == null) {
                throw new NotFoundProblem("Channel " + channelId + " does not exist.");
            }
            return explanations.explain(channelId, sku).map(explanation -> {
                if (explanation == null) {
                    throw new NotFoundProblem("Channel " + channelId + " has no listing of SKU " + sku + ".");
                }
                return explanation;
            });
        });
    }

    @GET
    public Uni<List<ListingView>> list(
            @PathParam("channelId") String channelId,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        return listings.list(channelId, limit, offset);
    }

    @DELETE
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS})
    @Path("/{listingId}")
    public Uni<Response> delete(@PathParam("channelId") String channelId, @PathParam("listingId") String listingId) {
        return listings.delete(channelId, listingId).map(deleted -> {
            if (!deleted) {
                throw new NotFoundProblem("Listing " + listingId + " is not mapped on channel " + channelId + ".");
            }
            return Response.noContent().build();
        });
    }
}
