package dev.shelfsync.console.returns;

import dev.shelfsync.console.api.Answer;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.RequestScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Renders one RMA with its scan field, checklists and disposition buttons, and the outcome of the last command. */
@RequestScoped
public class RmaPanel {

    static final String DEFAULT_CATEGORY = "general";

    private final ReturnsApi returns;
    private final Template rma;
    private final Template questions;

    public RmaPanel(
            @RestClient ReturnsApi returns,
            @Location("returns/rma.html") Template rma,
            @Location("returns/questions.html") Template questions) {
        this.returns = returns;
        this.rma = rma;
        this.questions = questions;
    }

    TemplateInstance render(String id, Answer answer, String message, String error, StationForm form) {
        Map<String, Object> view = answer.object();
        if (view != null) {
            TimeLeft.annotate(view, Instant.now());
        }
        Answer checklists = view == null ? answer : Answer.of("returns-service", returns::checklists);
        return rma.data("id", id)
                .data("rma", view)
                .data("received", view == null ? 0 : received(answer))
                .data("message", message)
                .data("error", error != null ? error : view == null ? answer.problem() : checklists.problem())
                .data("checklists", checklists.list())
                .data("defaultCategory", DEFAULT_CATEGORY)
                .data("form", form);
    }

    TemplateInstance checklist(String id, String sku, String category) {
        Answer checklists = Answer.of("returns-service", returns::checklists);
        return questions
                .data("checklists", checklists.list())
                .data("category", category == null ? DEFAULT_CATEGORY : category)
                .data("sku", sku)
                .data("form", StationForm.fresh());
    }

    /** Units received over every line: unchanged after a scan means the service had it already. */
    static int received(Answer rma) {
        int units = 0;
        for (var line : rma.body().path("lines")) {
            units += line.path("received").asInt();
        }
        return units;
    }

    static List<String> dispositions() {
        return List.of("restock", "refurbish", "discard", "return-to-vendor");
    }
}
