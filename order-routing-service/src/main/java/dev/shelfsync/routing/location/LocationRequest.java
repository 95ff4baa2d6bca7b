package dev.shelfsync.routing.location;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;

/**
 * Routing's data about a location; absent fields take their defaults (active, every channel, no limit).
 *
 * @param servesChannels channel ids; empty or absent means every channel
 * @param dailyCapacityOrders orders per day this location can ship; absent means unlimited
 * @param dailyCapacityUnits units per day this location can ship; absent means unlimited
 * @param priority lower ships first under the priority strategy and breaks ties otherwise
 */
public record LocationRequest(
        @DecimalMin("-90") @DecimalMax("90") BigDecimal latitude,
        @DecimalMin("-180") @DecimalMax("180") BigDecimal longitude,
        @Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String countryCode,
        Boolean active,
        @Size(max = 100) List<@NotBlank @Size(max = 64) String> servesChannels,
        @PositiveOrZero Integer dailyCapacityOrders,
        Integer priority,
        @PositiveOrZero @DecimalMax("1000000") BigDecimal costPerShipment,
        @PositiveOrZero Integer dailyCapacityUnits) {}
