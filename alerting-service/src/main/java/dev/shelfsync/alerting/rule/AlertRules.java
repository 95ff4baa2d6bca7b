package dev.shelfsync.alerting.rule;

import dev.shelfsync.platform.problem.NotFoundProblem;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Creates, reads, changes and deletes alert rules (Hibernate Reactive); the stock watch reads them on its own. */
@ApplicationScoped
public class AlertRules {

    private final AlertRuleRepository rules;

    public AlertRules(AlertRuleRepository rules) {
        this.rules = rules;
    }

    @WithSession
    public Uni<List<RuleView>> list(String sku) {
        return rules.bySku(sku).map(found -> found.stream().map(AlertRule::view).toList());
    }

    @WithSession
    public Uni<RuleView> get(UUID id) {
        return existing(id).map(AlertRule::view);
    }

    @WithTransaction
    public Uni<RuleView> create(RuleRequest request) {
        return rules.persist(new AlertRule(UUID.randomUUID(), request)).map(AlertRule::view);
    }

    /** Replaces a rule's settings; its hysteresis state is kept, so a change does not fire a second alert. */
    @WithTransaction
    public Uni<RuleView> update(UUID id, RuleRequest request) {
        AlertRule.checkConsistent(request);
        return existing(id).map(rule -> {
            rule.change(request);
            return rule.view();
        });
    }

    @WithTransaction
    public Uni<Void> delete(UUID id) {
        return rules.deleteById(id).map(deleted -> {
            if (!deleted) {
                throw new NotFoundProblem("No rule " + id + ".");
            }
            return null;
        });
    }

    private Uni<AlertRule> existing(UUID id) {
        return rules.findById(id).map(rule -> {
            if (rule == null) {
                throw new NotFoundProblem("No rule " + id + ".");
            }
            return rule;
        });
    }
}
