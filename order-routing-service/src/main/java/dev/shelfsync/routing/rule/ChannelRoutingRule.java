package dev.shelfsync.routing.rule;

import dev.shelfsync.routing.ranking.RoutingRule;
import dev.shelfsync.routing.ranking.Strategy;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;

/** The routing rule a channel has chosen: strategy, fixed priority list, and what happens to an order nobody can ship. */
@Entity
@Table(name = "routing_rule")
public class ChannelRoutingRule {

    @Id
    @Column(name = "channel_id")
    private String channelId;

    private String strategy;

    @Column(name = "location_priority")
    private String[] locationPriority;

    @Column(name = "on_unfulfillable")
    private String onUnfulfillable;

    protected ChannelRoutingRule() {}

    ChannelRoutingRule(String channelId, RoutingRuleRequest request) {
        this.channelId = channelId;
        change(request);
    }

    /**
     * Replaces the rule; an unknown strategy is refused, an absent priority list is empty and an absent choice for
     * unfulfillable orders means backorder.
     */
    void change(RoutingRuleRequest request) {
        this.strategy = Strategy.of(request.strategy()).code();
        this.locationPriority = request.locationPriority() == null
                ? new String[0]
                : request.locationPriority().toArray(new String[0]);
        this.onUnfulfillable = request.onUnfulfillable() == null ? RoutingRule.BACKORDER : request.onUnfulfillable();
    }

    RoutingRule rule() {
        return new RoutingRule(Strategy.of(strategy), List.of(locationPriority), onUnfulfillable);
    }
}
