package dev.shelfsync.routing.rule;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Routing rules by channel id; no transactions of its own. */
@ApplicationScoped
public class ChannelRoutingRuleRepository implements PanacheRepositoryBase<ChannelRoutingRule, String> {}
