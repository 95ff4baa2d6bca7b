package dev.shelfsync.gateway.push;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Set;

/**
 * The channels that have listings waiting to be pushed, in one query: what the push safety sweep wakes, instead of
 * asking every channel's pusher to look (one query per channel, most of them finding nothing).
 */
@ApplicationScoped
public class PendingChannels {

    // The same condition as a pusher's own selection: a desired version not pushed yet, or sales since the push.
    private static final String WITH_WORK = "select distinct channel_id from listing_mapping where behind";

    private final Pool pool;

    public PendingChannels(Pool pool) {
        this.pool = pool;
    }

    Uni<Set<String>> withWork() {
        return pool.preparedQuery(WITH_WORK).execute().map(rows -> {
            Set<String> ids = new HashSet<>();
            rows.forEach(row -> ids.add(row.getString("channel_id")));
            return ids;
        });
    }
}
