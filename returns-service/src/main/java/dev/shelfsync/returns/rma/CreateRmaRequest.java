package dev.shelfsync.returns.rma;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A return staff open for a walk-in or a parcel that arrived without a channel request.
 *
 * @param locationId where the units are expected; a worker may only open returns at their own locations
 */
public record CreateRmaRequest(
        @NotBlank @Size(max = 64) String channelId,
        @NotBlank @Size(max = 128) String externalOrderId,
        @Size(max = 128) String externalReturnId,
        @NotBlank @Size(max = 64) String locationId,
        @NotEmpty @Size(max = 100) List<@Valid @NotNull Line> lines) {

    /** One returned SKU. */
    public record Line(
            @NotBlank @Size(max = 64) String sku,
            @Size(max = 64) String barcode,
            @NotNull @Min(1) @Max(10_000) Integer quantity,
            @NotNull @Pattern(regexp = ReasonCodes.PATTERN) String reasonCode,
            @Size(max = 500) String reasonText) {}
}
