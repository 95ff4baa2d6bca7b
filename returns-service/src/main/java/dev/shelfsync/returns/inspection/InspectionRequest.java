package dev.shelfsync.returns.inspection;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The inspection of one SKU of a return, answering its category's checklist.
 *
 * @param outcome accept (the customer is refunded) or reject
 * @param photos references (URLs or storage keys) of photos taken during inspection
 */
public record InspectionRequest(
        @NotBlank @Size(max = 64) String sku,
        @NotBlank @Size(max = 32) String category,
        @NotNull @Pattern(regexp = "accept|reject") String outcome,
        @NotNull @Size(max = 30) List<@Valid @NotNull Answer> answers,
        @Size(max = 20) List<@NotBlank @Size(max = 500) String> photos,
        @Size(max = 2000) String notes) {

    /** One checklist answer. */
    public record Answer(
            @NotBlank @Size(max = 64) String question,
            @NotNull @Pattern(regexp = "yes|no|n/a") String answer,
            @Size(max = 500) String note) {}
}
