package dev.shelfsync.routing.rule;

import dev.shelfsync.routing.ranking.RoutingRule;
import dev.shelfsync.routing.ranking.Strategy;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Routing rules per channel; a channel without one gets {@link RoutingRule#defaults()}. */
@ApplicationScoped
public class RoutingRules {

    private final Pool pool;

    public RoutingRules(Pool pool) {
        this.pool = pool;
    }

    public Uni<RoutingRule> forChannel(SqlClient client, String channelId) {
        return find(client, channelId).map(found -> found.orElseGet(RoutingRule::defaults));
    }

    public Uni<Optional<RoutingRule>> find(SqlClient client, String channelId) {
        return client.preparedQuery(
                        "select strategy, location_priority, on_unfulfillable from routing_rule where channel_id = $1")
                .execute(Tuple.of(channelId))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(rule(rows.iterator().next())));
    }

    public Uni<Optional<RoutingRule>> find(String channelId) {
        return find(pool, channelId);
    }

    public Uni<RoutingRule> put(String channelId, RoutingRuleRequest request) {
        RoutingRule rule = new RoutingRule(
                Strategy.of(request.strategy()),
                request.locationPriority() == null ? List.of() : request.locationPriority(),
                request.onUnfulfillable() == null ? RoutingRule.BACKORDER : request.onUnfulfillable());
        return pool.preparedQuery(
                        """
                        insert into routing_rule (channel_id, strategy, location_priority, on_unfulfillable)
                        values ($1, $2, $3, $4)
                        on conflict (channel_id) do update set strategy = excluded.strategy,
                            location_priority = excluded.location_priority,
                            on_unfulfillable = excluded.on_unfulfillable
                        """)
                .execute(Tuple.of(
                        channelId,
                        rule.strategy().code(),
                        rule.locationPriority().toArray(new String[0]),
                        rule.onUnfulfillable()))
                .replaceWith(rule);
    }

    private static RoutingRule rule(Row row) {
        return new RoutingRule(
                Strategy.of(row.getString("strategy")),
                Arrays.asList(row.getArrayOfStrings("location_priority")),
                row.getString("on_unfulfillable"));
    }
}
