package dev.shelfsync.inventory.catalog;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Writes of the SKU master list, each in its own transaction (so a lost race to create one can be run again). */
@ApplicationScoped
public class Skus {

    private final SkuRepository skus;

    public Skus(SkuRepository skus) {
        this.skus = skus;
    }

    /** Creates the SKU or replaces its description. */
    @WithTransaction
    public Uni<SkuView> put(String sku, SkuRequest request) {
        return skus.findById(sku)
                .flatMap(existing -> {
                    if (existing == null) {
                        return skus.persist(new Sku(sku, request));
                    }
                    existing.describe(request);
                    return Uni.createFrom().item(existing);
                })
                .map(Sku::view);
    }
}
