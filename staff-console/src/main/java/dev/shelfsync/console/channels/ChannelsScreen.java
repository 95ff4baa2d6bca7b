package dev.shelfsync.console.channels;

import dev.shelfsync.console.api.Answer;
import dev.shelfsync.console.signin.CurrentStaff;
import dev.shelfsync.console.signin.ScreenNotForYou;
import dev.shelfsync.console.signin.StaffMember;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Every channel with its health (a state word and the figures behind it) and its listings: the quantity Shelfsync wants shown beside the one the store last acknowledged,
 * push errors, and the CSV import of listing mappings with its per-line errors.
 */
@Path("/channels")
@Produces(MediaType.TEXT_HTML)
public class ChannelsScreen {

    private final ChannelNumbers numbers;
    private final GatewayApi gateway;
    private final CurrentStaff staff;
    private final Template page;

    public ChannelsScreen(
            ChannelNumbers numbers,
            @RestClient GatewayApi gateway,
            CurrentStaff staff,
            @Location("channels/page.html") Template page) {
        this.numbers = numbers;
        this.gateway = gateway;
        this.staff = staff;
        this.page = page;
    }

    @GET
    public TemplateInstance show() {
        return render(null, null, null, "");
    }

    @POST
    @Path("{id}/import")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance importCsv(@PathParam("id") String channelId, @FormParam("csv") String csv) {
        member();
        String text = csv == null ? "" : csv.replace("\r\n", "\n");
        Answer answer = Answer.of("channel-gateway", () -> gateway.importListings(channelId, text));
        return answer.ok()
                ? render("Listings of " + channelId + " imported.", null, channelId, "")
                : render(null, answer.problem(), channelId, text);
    }

    private TemplateInstance render(String message, String error, String importedInto, String csv) {
        StaffMember me = member();
        Answer channels = numbers.channels();
        Map<String, List<Map<String, Object>>> listings = new LinkedHashMap<>();
        Map<String, String> listingErrors = new LinkedHashMap<>();
        Map<String, Map<String, String>> health = new LinkedHashMap<>();
        Map<String, String> healthErrors = new LinkedHashMap<>();
        for (Map<String, Object> channel : channels.list()) {
            String id = channel.get("id").toString();
            Answer read = numbers.health(id);
            if (read.ok() && read.object() != null) {
                health.put(id, HealthWords.of(read.object()));
            } else {
                healthErrors.put(id, "Health unavailable: " + read.problem());
            }
            Answer answer = numbers.listings(id);
            listings.put(id, answer.list());
            if (!answer.ok()) {
                listingErrors.put(id, answer.problem());
            }
        }
        return page.data("me", me)
                .data("channels", channels.list())
                .data("channelsError", channels.problem())
                .data("listings", listings)
                .data("listingErrors", listingErrors)
                .data("health", health)
                .data("healthErrors", healthErrors)
                .data("message", message)
                .data("error", error)
                .data("importedInto", importedInto)
                .data("csv", csv);
    }

    private StaffMember member() {
        StaffMember me = staff.member().orElseThrow();
        if (!me.operations()) {
            throw new ScreenNotForYou("channels", "merchant operations");
        }
        return me;
    }
}
