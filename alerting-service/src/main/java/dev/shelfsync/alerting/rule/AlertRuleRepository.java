package dev.shelfsync.alerting.rule;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Alert rules as operators manage them; no transactions of its own. */
@ApplicationScoped
public class AlertRuleRepository implements PanacheRepositoryBase<AlertRule, UUID> {

    private static final Sort BY_SKU_OLDEST_FIRST = Sort.by("sku").and("createdAt");

    /** Every rule, or only one SKU's, by SKU and oldest first. */
    public Uni<List<AlertRule>> bySku(String sku) {
        return sku == null ? listAll(BY_SKU_OLDEST_FIRST) : list("sku", BY_SKU_OLDEST_FIRST, sku);
    }
}
