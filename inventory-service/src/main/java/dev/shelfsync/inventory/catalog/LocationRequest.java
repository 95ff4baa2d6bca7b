package dev.shelfsync.inventory.catalog;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;

/** Create or update a location; {@code servesChannels} empty means it ships for every channel. */
public record LocationRequest(
        @NotBlank @Size(max = 200) String name,
        @NotNull @Pattern(regexp = "warehouse|store|3pl") String kind,
        @DecimalMin("-90") @DecimalMax("90") BigDecimal latitude,
        @DecimalMin("-180") @DecimalMax("180") BigDecimal longitude,
        Boolean active,
        @Size(max = 50) List<@NotBlank @Size(max = 64) String> servesChannels) {}
