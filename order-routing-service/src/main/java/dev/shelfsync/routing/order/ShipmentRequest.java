package dev.shelfsync.routing.order;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A warehouse or 3PL confirms that a parcel left.
 *
 * @param locationId the shipping location; absent means every location of the order not yet shipped
 */
public record ShipmentRequest(
        @NotBlank @Size(max = 64) String carrier,
        @NotBlank @Size(max = 128) String trackingNumber,
        @Size(max = 64) String locationId) {}
