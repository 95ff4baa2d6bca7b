package dev.shelfsync.gateway.channel;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads and writes the channel registry. */
@ApplicationScoped
public class ChannelRepository {

    private static final String COLUMNS =
            "id, type, name, api_base_url, rate_limit_per_second, active, credentials, settings";
    private static final String UPSERT = "insert into channel (" + COLUMNS + ") values ($1, $2, $3, $4, $5, $6,"
            + " coalesce($7, '{}'::jsonb), coalesce($8, '{}'::jsonb))"
            + " on conflict (id) do update set type = excluded.type, name = excluded.name,"
            + " api_base_url = excluded.api_base_url, rate_limit_per_second = excluded.rate_limit_per_second,"
            + " active = excluded.active, credentials = coalesce($7, channel.credentials),"
            + " settings = coalesce($8, channel.settings), updated_at = now()"
            + " returning " + COLUMNS + ", (xmax = 0) as inserted";

    private final Pool pool;

    public ChannelRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stored channel and whether it was created by this call. */
    public record Saved(Channel channel, boolean created) {}

    public Uni<Saved> upsert(String id, ChannelRequest request) {
        Tuple params = Tuple.tuple()
                .addString(id)
                .addString(request.type())
                .addString(request.name())
                .addString(request.apiBaseUrl())
                .addInteger(request.rateLimitPerSecond() == null ? 2 : request.rateLimitPerSecond())
                .addBoolean(request.active() == null || request.active())
                .addValue(request.credentials() == null ? null : new JsonObject(new HashMap<>(request.credentials())))
                .addValue(request.settings() == null ? null : new JsonObject(new HashMap<>(request.settings())));
        return pool.preparedQuery(UPSERT).execute(params).map(rows -> {
            Row row = rows.iterator().next();
            return new Saved(map(row), row.getBoolean("inserted"));
        });
    }

    public Uni<Channel> find(SqlClient client, String id) {
        return client.preparedQuery("select " + COLUMNS + " from channel where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : map(rows.iterator().next()));
    }

    public Uni<Channel> find(String id) {
        return find(pool, id);
    }

    public Uni<List<Channel>> all() {
        return pool.query("select " + COLUMNS + " from channel order by id")
                .execute()
                .map(rows -> {
                    List<Channel> channels = new ArrayList<>();
                    rows.forEach(row -> channels.add(map(row)));
                    return channels;
                });
    }

    private static Channel map(Row row) {
        return new Channel(
                row.getString("id"),
                row.getString("type"),
                row.getString("name"),
                row.getString("api_base_url"),
                row.getInteger("rate_limit_per_second"),
                row.getBoolean("active"),
                strings(row.getJsonObject("credentials")),
                strings(row.getJsonObject("settings")));
    }

    private static Map<String, String> strings(JsonObject json) {
        Map<String, String> map = new HashMap<>();
        if (json != null) {
            json.forEach(entry -> {
                if (entry.getValue() != null) {
                    map.put(entry.getKey(), String.valueOf(entry.getValue()));
                }
            });
        }
        return map;
    }
}
