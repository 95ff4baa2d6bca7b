package dev.shelfsync.inventory.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An entry of the master SKU list. Its stock lives in stock rows; its availability version is advanced only by the
 * stock write path, so the entity reads it and never writes it.
 */
@Entity
@Table(name = "sku")
public class Sku {

    @Id
    private String sku;

    private String name;

    private String barcode;

    private String status;

    @Column(name = "availability_version", insertable = false, updatable = false)
    private long availabilityVersion;

    protected Sku() {}

    Sku(String sku, SkuRequest request) {
        this.sku = sku;
        describe(request);
    }

    /** Names, relabels or discontinues the SKU; stock is untouched. */
    void describe(SkuRequest request) {
        this.name = request.name();
        this.barcode = request.barcode();
        this.status = request.status() == null ? "active" : request.status();
    }

    SkuView view() {
        return new SkuView(sku, name, barcode, status, availabilityVersion);
    }
}
