package dev.shelfsync.inventory.rebalance;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Merchant-ops moving units of an SKU from one channel's fence to another's. */
public record RebalanceRequest(
        @NotNull @Pattern(regexp = ID) String fromChannelId,
        @NotNull @Pattern(regexp = ID) String toChannelId,
        @NotNull @Min(1) @Max(1_000_000) Integer units,
        @NotBlank @Size(max = 200) String reason) {

    static final String ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
}
