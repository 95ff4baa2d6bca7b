package dev.shelfsync.gateway.channel;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Channels as the gateway's own work reads them (webhook intake, pushes, reconciliation, outbound calls): one
 * statement each, on the SQL client, optionally inside the caller's transaction. The API writes channels through
 * {@link ChannelRegistry}.
 */
@ApplicationScoped
public class ChannelRepository {

    private static final String COLUMNS =
            "id, type, name, api_base_url, rate_limit_per_second, active, credentials, settings";
    private final Pool pool;

    public ChannelRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Channel> find(String id) {
        return pool.preparedQuery("select " + COLUMNS + " from channel where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : map(rows.iterator().next()));
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
