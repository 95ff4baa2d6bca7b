package dev.shelfsync.console.returns;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The returns bench: one scan field that finds an RMA by its number or its order, then receives units by scanning,
 * the inspection checklist and the disposition buttons, each answered by swapping the RMA panel (no page reload).
 */
@Path("/returns")
@Produces(MediaType.TEXT_HTML)
public class ReturnsStation {

    private final ReturnsApi returns;
    private final RmaPanel panel;
    private final CurrentStaff staff;
    private final Template station;
    private final Template queue;
    private final Template found;

    public ReturnsStation(
            @RestClient ReturnsApi returns,
            RmaPanel panel,
            CurrentStaff staff,
            @Location("returns/station.html") Template station,
            @Location("returns/queue.html") Template queue,
            @Location("returns/found.html") Template found) {
        this.returns = returns;
        this.panel = panel;
        this.staff = staff;
        this.station = station;
        this.queue = queue;
        this.found = found;
    }

    @GET
    public TemplateInstance page() {
        return station.data("me", member());
    }

    /** A typed or scanned RMA number, or a channel order number (several returns of one order are listed). */
    @POST
    @Path("find")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance find(@FormParam("q") String typed) {
        member();
        String q = typed == null ? "" : typed.trim();
        if (q.isEmpty()) {
            return found.data("q", q).data("error", "Scan or type an RMA number or an order number.");
        }
        if (q.matches("[A-Za-z0-9._:-]{1,128}")) {
            Answer rma = Answer.of("returns-service", () -> returns.rma(q));
            if (rma.ok()) {
                return panel.render(q, rma, null, null, StationForm.fresh());
            }
            if (!rma.notFound()) {
                return found.data("q", q).data("error", rma.problem());
            }
        }
        Answer all = Answer.of("returns-service", () -> returns.list(null, 500));
        if (!all.ok()) {
            return found.data("q", q).data("error", all.problem());
        }
        // returns-service lists by status, location and channel but not by order, so the order is matched here.
        List<Map<String, Object>> ofOrder = all.list().stream()
                .filter(rma -> q.equals(rma.get("externalOrderId")) || q.equals(rma.get("externalReturnId")))
                .toList();
        if (ofOrder.size() == 1) {
            String id = ofOrder.get(0).get("id").toString();
            return panel.render(
                    id, Answer.of("returns-service", () -> returns.rma(id)), null, null, StationForm.fresh());
        }
        String error = ofOrder.isEmpty()
                ? "No return " + q + " at your locations: neither an RMA number nor an order with a return."
                : null;
        return found.data("q", q).data("error", error).data("matches", ofOrder);
    }

    @GET
    @Path("{id}")
    public TemplateInstance rma(@PathParam("id") String id) {
        member();
        return panel.render(id, Answer.of("returns-service", () -> returns.rma(id)), null, null, StationForm.fresh());
    }

    @GET
    @Path("{id}/checklist")
    public TemplateInstance checklist(
            @PathParam("id") String id, @QueryParam("sku") String sku, @QueryParam("category") String category) {
        member();
        return panel.checklist(id, sku, category);
    }

    /** One scan: the SKU or barcode of one unit. */
    @POST
    @Path("{id}/scans")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance scan(@PathParam("id") String id, MultivaluedMap<String, String> form) {
        member();
        String code = form.getFirst("code") == null ? "" : form.getFirst("code").trim();
        if (code.isEmpty()) {
            return panel.render(
                    id,
                    current(id),
                    null,
                    "Scan a unit's barcode (or type its SKU) and press Enter.",
                    StationForm.kept(null, StationForm.single(form), form.getFirst("scanId")));
        }
        Answer answer = Answer.of(
                "returns-service",
                () -> returns.receive(
                        id,
                        Map.of(
                                "scanId",
                                form.getFirst("scanId"),
                                "code",
                                code,
                                "locationId",
                                form.getFirst("locationId"),
                                "quantity",
                                1)));
        if (!answer.ok()) {
            return panel.render(
                    id,
                    current(id),
                    null,
                    answer.problem(),
                    StationForm.kept(null, StationForm.single(form), form.getFirst("scanId")));
        }
        int before = Integer.parseInt(form.getFirst("receivedBefore"));
        String message = RmaPanel.received(answer) == before
                ? "Scan " + code + " was already recorded: nothing changed."
                : "Received 1 × " + code + ".";
        return panel.render(id, answer, message, null, StationForm.fresh());
    }

    @POST
    @Path("{id}/inspections")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance inspect(@PathParam("id") String id, MultivaluedMap<String, String> form) {
        member();
        String sku = form.getFirst("sku");
        List<Map<String, String>> answers = form.keySet().stream()
                .filter(field -> field.startsWith("q."))
                .sorted()
                .map(field -> Map.of("question", field.substring(2), "answer", form.getFirst(field)))
                .toList();
        String note = form.getFirst("notes");
        Map<String, Object> inspection = new java.util.HashMap<>(Map.of(
                "sku",
                sku,
                "category",
                form.getFirst("category"),
                "outcome",
                String.valueOf(form.getFirst("outcome")),
                "answers",
                answers));
        if (note != null && !note.isBlank()) {
            inspection.put("notes", note);
        }
        Answer answer = Answer.of("returns-service", () -> returns.inspect(id, inspection));
        return outcome(id, answer, sku, form, "Inspection of " + sku + " recorded: " + form.getFirst("outcome") + ".");
    }

    @POST
    @Path("{id}/dispositions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance dispose(@PathParam("id") String id, MultivaluedMap<String, String> form) {
        member();
        String sku = form.getFirst("sku");
        String quantity = form.getFirst("quantity");
        Map<String, Object> disposition = new java.util.HashMap<>(Map.of(
                "dispositionId",
                form.getFirst("dispositionId"),
                "sku",
                sku,
                "disposition",
                String.valueOf(form.getFirst("disposition")),
                "quantity",
                quantity != null && quantity.matches("\\d{1,6}") ? Integer.parseInt(quantity) : 0));
        String note = form.getFirst("note");
        if (note != null && !note.isBlank()) {
            disposition.put("note", note);
        }
        // The release form sends this: the units leave refurbishment rather than the units waiting for a decision.
        boolean release = "true".equals(form.getFirst("fromRefurbishment"));
        if (release) {
            disposition.put("fromRefurbishment", true);
        }
        Answer answer = Answer.of("returns-service", () -> returns.dispose(id, disposition));
        return outcome(
                id,
                answer,
                sku,
                form,
                (release ? "Released from refurbishment, " : "") + form.getFirst("disposition") + ": "
                        + disposition.get("quantity") + " × " + sku + " done.");
    }

    /** The RMA as the service answered, or, refused, as it stands with the refusal and the line's form kept. */
    private TemplateInstance outcome(
            String id, Answer answer, String sku, MultivaluedMap<String, String> form, String done) {
        if (!answer.ok()) {
            return panel.render(
                    id, current(id), null, answer.problem(), StationForm.kept(sku, StationForm.single(form), null));
        }
        return panel.render(id, answer, done, null, StationForm.fresh());
    }

    /** Received and not yet inspected, soonest due first, with the time left on the inspection SLA. */
    @GET
    @Path("queue")
    public TemplateInstance queue() {
        member();
        Answer received = Answer.of("returns-service", () -> returns.list("received", 200));
        Instant now = Instant.now();
        List<Map<String, Object>> waiting = received.list().stream()
                .filter(rma -> rma.get("inspectionDueAt") != null)
                .map(rma -> TimeLeft.annotate(rma, now))
                .sorted(Comparator.comparing(rma -> rma.get("inspectionDueAt").toString()))
                .toList();
        return queue.data("waiting", waiting).data("error", received.problem());
    }

    private Answer current(String id) {
        return Answer.of("returns-service", () -> returns.rma(id));
    }

    private StaffMember member() {
        StaffMember me = staff.member().orElseThrow();
        if (!me.warehouseStaff()) {
            throw new ScreenNotForYou("returns station", "warehouse staff");
        }
        return me;
    }
}
