package dev.shelfsync.inventory.bundle;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The components of a bundle (kit) and how many of each one bundle takes. */
public record BundleRequest(@NotEmpty @Size(max = 50) List<@Valid @NotNull Component> components) {

    /** One component SKU. */
    public record Component(@NotBlank @Size(max = 64) String sku, @NotNull @Min(1) @Max(1000) Integer quantity) {}
}
