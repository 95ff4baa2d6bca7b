package dev.shelfsync.console.alerts;

import dev.shelfsync.console.api.Answer;
import dev.shelfsync.console.signin.CurrentStaff;
import dev.shelfsync.console.signin.StaffMember;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Open alerts, the most severe first, each acknowledged with one button; for operations also the open reorder
 * suggestions with the numbers behind each (velocity, lead time, cover, position, reorder point).
 */
@Path("/alerts")
@Produces(MediaType.TEXT_HTML)
public class AlertsScreen {

    static final List<String> SEVERITIES = List.of("critical", "warning", "info");

    private final AlertingApi alerting;
    private final CurrentStaff staff;
    private final Template page;

    public AlertsScreen(
            @RestClient AlertingApi alerting, CurrentStaff staff, @Location("alerts/page.html") Template page) {
        this.alerting = alerting;
        this.staff = staff;
        this.page = page;
    }

    @GET
    public TemplateInstance show() {
        return render(null, null);
    }

    @POST
    @Path("{id}/acknowledge")
    public TemplateInstance acknowledge(@PathParam("id") String id) {
        StaffMember me = staff.member().orElseThrow();
        Answer answer = Answer.of("alerting-service", () -> alerting.acknowledge(id, Map.of("actor", me.user())));
        return answer.ok() ? render("Alert acknowledged.", null) : render(null, answer.problem());
    }

    private TemplateInstance render(String message, String error) {
        StaffMember me = staff.member().orElseThrow();
        Answer open = Answer.of("alerting-service", () -> alerting.alerts("open", 200));
        // Reorder suggestions are for operations (alerting refuses other roles): not asked for on their behalf.
        Answer reorders = me.operations() ? Answer.of("alerting-service", alerting::reorderSuggestions) : null;
        List<Map<String, Object>> bySeverity = open.list().stream()
                .sorted(Comparator.comparingInt(alert -> rank(alert.get("severity"))))
                .toList();
        return page.data("me", me)
                .data("alerts", bySeverity)
                .data("reorders", reorders == null ? List.of() : reorders.list())
                .data("reordersError", reorders == null ? null : reorders.problem())
                .data("error", error != null ? error : open.problem())
                .data("message", message);
    }

    private static int rank(Object severity) {
        int rank = SEVERITIES.indexOf(String.valueOf(severity));
        return rank < 0 ? SEVERITIES.size() : rank;
    }
}
