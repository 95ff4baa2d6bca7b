package dev.shelfsync.alerting.notify;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** How deliveries to each notification target are going: pending and failed ones, and the latest error. */
@ApplicationScoped
public class DeliveryHealth {

    /** Deliveries of one target. */
    public record Health(long pending, long failed, String lastError) {
        static final Health NONE = new Health(0, 0, null);
    }

    private static final String SELECT = "select target_id,"
            + " count(*) filter (where status = 'pending') as pending,"
            + " count(*) filter (where status = 'failed') as failed,"
            + " (array_agg(last_error order by created_at desc) filter (where last_error is not null))[1]"
            + " as last_error from notification";

    private final Pool pool;

    public DeliveryHealth(Pool pool) {
        this.pool = pool;
    }

    Uni<Health> of(UUID targetId) {
        return pool.preparedQuery(SELECT + " where target_id = $1 group by target_id")
                .execute(Tuple.of(targetId))
                .map(rows ->
                        rows.size() == 0 ? Health.NONE : health(rows.iterator().next()));
    }

    Uni<Map<UUID, Health>> ofAll() {
        return pool.query(SELECT + " group by target_id").execute().map(rows -> {
            Map<UUID, Health> all = new HashMap<>();
            rows.forEach(row -> all.put(row.getUUID("target_id"), health(row)));
            return all;
        });
    }

    private static Health health(Row row) {
        return new Health(row.getLong("pending"), row.getLong("failed"), row.getString("last_error"));
    }
}
