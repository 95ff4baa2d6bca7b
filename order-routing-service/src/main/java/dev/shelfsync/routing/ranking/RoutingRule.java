package dev.shelfsync.routing.ranking;

import java.util.List;

/**
 * A channel's routing rule.
 *
 * @param locationPriority location ids best first, used by {@link Strategy#PRIORITY}
 * @param onUnfulfillable {@code backorder} or {@code cancel}: what happens to an order no location can reserve
 */
public record RoutingRule(Strategy strategy, List<String> locationPriority, String onUnfulfillable) {

    public static final String BACKORDER = "backorder";
    public static final String CANCEL = "cancel";

    public static RoutingRule defaults() {
        return new RoutingRule(Strategy.NEAREST, List.of(), BACKORDER);
    }
}
