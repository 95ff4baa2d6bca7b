package dev.shelfsync.returns.rma;

import dev.shelfsync.platform.problem.NotFoundProblem;
import dev.shelfsync.platform.security.Caller;
import dev.shelfsync.returns.config.ReturnsConfig;
import dev.shelfsync.returns.inspection.InspectionView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Returns as the desk reads them: one, a filtered list, the overdue ones, and a return's inspections. Warehouse
 * staff see only their own locations' returns; another location's return is a 404.
 */
@ApplicationScoped
public class RmaQueries {

    private final Pool pool;
    private final RmaStore store;
    private final ReturnsConfig config;

    public RmaQueries(Pool pool, RmaStore store, ReturnsConfig config) {
        this.pool = pool;
        this.store = store;
        this.config = config;
    }

    public Uni<RmaView> get(String id, Caller caller) {
        return visible(pool, id, caller).map(rma -> rma.view(config.inspectionSla()));
    }

    public Uni<List<RmaView>> list(RmaFilter filter, int limit, Caller caller) {
        return store.list(pool, filter, caller.locationFilter(), limit).map(this::views);
    }

    public Uni<List<RmaView>> overdue(int limit, Caller caller) {
        return store.overdue(pool, config.inspectionSla(), caller.locationFilter(), limit)
                .map(this::views);
    }

    public Uni<List<InspectionView>> inspections(String id, Caller caller) {
        return visible(pool, id, caller)
                .flatMap(rma -> pool.preparedQuery("select i.sku, i.category, i.outcome, i.notes, i.photos,"
                                + " i.inspector, i.inspected_at, a.question, a.answer, a.note, a.inspector"
                                + " as answered_by, a.answered_at from inspection i join inspection_answer a"
                                + " on a.rma_id = i.rma_id and a.sku = i.sku where i.rma_id = $1"
                                + " order by i.sku, a.question")
                        .execute(Tuple.of(id)))
                .map(rows -> {
                    Map<String, InspectionView> bySku = new LinkedHashMap<>();
                    for (Row row : rows) {
                        InspectionView inspection = bySku.computeIfAbsent(
                                row.getString("sku"),
                                sku -> new InspectionView(
                                        sku,
                                        row.getString("category"),
                                        row.getString("outcome"),
                                        row.getString("notes"),
                                        Arrays.asList(row.getArrayOfStrings("photos")),
                                        row.getString("inspector"),
                                        row.getOffsetDateTime("inspected_at").toInstant(),
                                        new ArrayList<>()));
                        inspection
                                .answers()
                                .add(new InspectionView.AnswerView(
                                        row.getString("question"),
                                        row.getString("answer"),
                                        row.getString("note"),
                                        row.getString("answered_by"),
                                        row.getOffsetDateTime("answered_at").toInstant()));
                    }
                    return List.copyOf(bySku.values());
                });
    }

    Uni<Rma> visible(SqlClient client, String id, Caller caller) {
        return store.find(client, id)
                .map(found -> found.filter(rma -> rma.visibleTo(caller)).orElseThrow(() -> notFound(id)));
    }

    private List<RmaView> views(List<Rma> rmas) {
        return rmas.stream().map(rma -> rma.view(config.inspectionSla())).toList();
    }

    static NotFoundProblem notFound(String id) {
        return new NotFoundProblem("No return " + id + ".");
    }
}
