package dev.shelfsync.routing.rule;

import dev.shelfsync.routing.ranking.RoutingRule;
import dev.shelfsync.routing.ranking.Strategy;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Optional;

/**
 * Routing rules per channel; a channel without one gets {@link RoutingRule#defaults()}. The API reads and writes
 * them through Hibernate Reactive; an order reads its channel's rule inside its own transaction on the reactive
 * SQL client, which a Hibernate Reactive session cannot join.
 */
@ApplicationScoped
public class RoutingRules {

    private final ChannelRoutingRuleRepository rules;

    public RoutingRules(ChannelRoutingRuleRepository rules) {
        this.rules = rules;
    }

    /** The channel's rule as the order being routed sees it, in that order's transaction. */
    public Uni<RoutingRule> forChannel(SqlClient tx, String channelId) {
        return tx.preparedQuery(
                        "select strategy, location_priority, on_unfulfillable from routing_rule where channel_id = $1")
                .execute(Tuple.of(channelId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return RoutingRule.defaults();
                    }
                    var row = rows.iterator().next();
                    return new RoutingRule(
                            Strategy.of(row.getString("strategy")),
                            Arrays.asList(row.getArrayOfStrings("location_priority")),
                            row.getString("on_unfulfillable"));
                });
    }

    @WithSession
    public Uni<Optional<RoutingRule>> find(String channelId) {
        return rules.findById(channelId).map(found -> Optional.ofNullable(found).map(ChannelRoutingRule::rule));
    }

    @WithTransaction
    public Uni<RoutingRule> put(String channelId, RoutingRuleRequest request) {
        return rules.findById(channelId)
                .flatMap(existing -> {
                    if (existing == null) {
                        return rules.persist(new ChannelRoutingRule(channelId, request));
                    }
                    existing.change(request);
                    return Uni.createFrom().item(existing);
                })
                .map(ChannelRoutingRule::rule);
    }
}
