package dev.shelfsync.console.stock;

import dev.shelfsync.console.api.Answer;
import dev.shelfsync.console.channels.ChannelNumbers;
import dev.shelfsync.console.signin.CurrentStaff;
import dev.shelfsync.console.signin.StaffMember;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * One SKU: its states per location, the number each channel is given and (for operations) why, the ledger as a
 * timeline, and the adjustment, count and transfer forms for the roles that may change stock.
 */
@Path("/stock")
@Produces(MediaType.TEXT_HTML)
public class StockScreen {

    static final int LEDGER_ENTRIES = 100;

    private final InventoryApi inventory;
    private final ChannelNumbers channels;
    private final ChannelExplanations explanations;
    private final CurrentStaff staff;
    private final Template page;

    public StockScreen(
            @RestClient InventoryApi inventory,
            ChannelNumbers channels,
            ChannelExplanations explanations,
            CurrentStaff staff,
            @Location("stock/page.html") Template page) {
        this.inventory = inventory;
        this.channels = channels;
        this.explanations = explanations;
        this.staff = staff;
        this.page = page;
    }

    @GET
    public TemplateInstance show(
            @QueryParam("sku") String sku,
            @QueryParam("reason") String reason,
            @QueryParam("correlationId") String correlationId,
            @QueryParam("actor") String actor) {
        return render(new LedgerFilter(sku, reason, correlationId, actor), null, null, Map.of());
    }

    @POST
    @Path("adjustments")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance adjust(MultivaluedMap<String, String> form) {
        String sku = form.getFirst("sku");
        Map<String, Object> adjustment = new HashMap<>();
        adjustment.put("sku", sku);
        adjustment.put("locationId", form.getFirst("locationId"));
        adjustment.put("state", form.getFirst("state"));
        adjustment.put("delta", number(form.getFirst("delta")));
        adjustment.put("reason", form.getFirst("reason"));
        Answer answer = Answer.of("inventory-service", () -> inventory.adjust(adjustment));
        return outcome(sku, answer, "Adjusted " + sku + " at " + form.getFirst("locationId") + ".", form);
    }

    @POST
    @Path("counts")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance count(MultivaluedMap<String, String> form) {
        String sku = form.getFirst("sku");
        Map<String, Object> count = new HashMap<>();
        count.put("sku", sku);
        count.put("locationId", form.getFirst("locationId"));
        count.put("countedOnHand", number(form.getFirst("countedOnHand")));
        count.put("countId", form.getFirst("countId"));
        Answer answer = Answer.of("inventory-service", () -> inventory.count(count));
        return outcome(sku, answer, "Count of " + sku + " recorded.", form);
    }

    @POST
    @Path("transfers")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance dispatch(MultivaluedMap<String, String> form) {
        String sku = form.getFirst("sku");
        String transferId = form.getFirst("transferId");
        Map<String, Object> transfer = new HashMap<>();
        transfer.put("transferId", transferId);
        transfer.put("sku", sku);
        transfer.put("fromLocationId", form.getFirst("fromLocationId"));
        transfer.put("toLocationId", form.getFirst("toLocationId"));
        transfer.put("quantity", number(form.getFirst("quantity")));
        Answer answer = Answer.of("inventory-service", () -> inventory.dispatch(transfer));
        return outcome(
                sku,
                answer,
                "Transfer " + transferId + " dispatched from " + form.getFirst("fromLocationId") + " to "
                        + form.getFirst("toLocationId") + "; receive it there with this id.",
                form);
    }

    @POST
    @Path("transfers/receipts")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance receive(MultivaluedMap<String, String> form) {
        String transferId = form.getFirst("receiveTransferId");
        if (transferId == null || transferId.isBlank()) {
            return render(
                    new LedgerFilter(form.getFirst("sku"), null, null, null),
                    null,
                    "Type or scan the id of the transfer to receive.",
                    single(form));
        }
        Answer answer = Answer.of("inventory-service", () -> inventory.receive(transferId.trim()));
        Map<String, Object> transfer = answer.ok() ? answer.object() : Map.of();
        String sku = answer.ok() ? String.valueOf(transfer.get("sku")) : form.getFirst("sku");
        String done = "Transfer " + transferId.trim() + " of " + transfer.get("quantity") + " x " + sku + " is "
                + transfer.get("status") + " at " + transfer.get("toLocationId") + ".";
        return outcome(sku, answer, done, form);
    }

    private TemplateInstance outcome(String sku, Answer answer, String done, MultivaluedMap<String, String> form) {
        LedgerFilter filter = new LedgerFilter(sku, null, null, null);
        return answer.ok()
                ? render(filter, done, null, Map.of())
                : render(filter, null, answer.problem(), single(form));
    }

    /** What inventory accepts as an adjustment's reason (docs/inventory-service.md): a choice, not a guess to type. */
    static final List<String> ADJUSTMENT_REASONS =
            List.of("receipt", "correction", "found", "lost", "damage", "return", "cycle-count");

    private TemplateInstance render(LedgerFilter filter, String message, String error, Map<String, String> kept) {
        StaffMember me = staff.member().orElseThrow();
        TemplateInstance view = page.data("me", me)
                .data("filter", filter)
                .data("message", message)
                .data("error", error)
                .data("kept", kept)
                .data("reasons", ADJUSTMENT_REASONS)
                .data("countId", UUID.randomUUID().toString())
                .data(
                        "transferId",
                        kept.getOrDefault("transferId", UUID.randomUUID().toString()))
                .data("mayChange", me.mayUse(StaffMember.MERCHANT_OPS, StaffMember.WAREHOUSE_STAFF));
        if (!filter.hasSku()) {
            return view.data("levels", List.of())
                    .data("listings", List.of())
                    .data("explained", List.of())
                    .data("ledger", List.of());
        }
        Answer levels = Answer.of("inventory-service", () -> inventory.stock(filter.sku()));
        Answer ledger = Answer.of(
                "inventory-service", () -> inventory.ledger(filter.sku(), filter.correlationId(), LEDGER_ENTRIES));
        List<Map<String, Object>> listings = new ArrayList<>();
        Answer channelAnswer = channels.ofSku(filter.sku(), listings);
        return view.data("levels", levels.list())
                .data("levelsError", levels.problem())
                .data("listings", listings)
                .data("listingsError", channelAnswer.problem())
                .data("explained", me.operations() ? explanations.of(filter.sku(), listings) : List.of())
                .data("ledger", filter.keep(ledger.list()))
                .data("ledgerError", ledger.problem());
    }

    private static Object number(String typed) {
        // A non-number goes to the service as typed, so its problem+json names the field in its own words.
        return typed != null && typed.matches("-?\\d{1,9}") ? Integer.parseInt(typed) : typed;
    }

    private static Map<String, String> single(MultivaluedMap<String, String> form) {
        Map<String, String> values = new HashMap<>();
        form.forEach((field, sent) -> values.put(field, sent.isEmpty() ? "" : sent.get(0)));
        return values;
    }
}
