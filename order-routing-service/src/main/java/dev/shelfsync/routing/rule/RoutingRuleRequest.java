package dev.shelfsync.routing.rule;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A channel's routing rule.
 *
 * @param strategy how candidate locations are ordered after the single-location preference
 * @param locationPriority location ids best first, for the {@code priority} strategy
 * @param onUnfulfillable {@code backorder} (default) or {@code cancel} when no location can reserve an order
 */
public record RoutingRuleRequest(
        @NotNull @Pattern(regexp = "nearest|highest-stock|lowest-cost|priority") String strategy,
        @Size(max = 100) List<@NotBlank @Size(max = 64) String> locationPriority,
        @Pattern(regexp = "backorder|cancel") String onUnfulfillable) {}
