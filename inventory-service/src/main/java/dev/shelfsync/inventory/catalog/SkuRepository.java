package dev.shelfsync.inventory.catalog;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** The master SKU list. */
@ApplicationScoped
public class SkuRepository implements PanacheRepositoryBase<Sku, String> {}
