package dev.shelfsync.routing.order;

import jakarta.validation.constraints.Positive;

/**
 * A carrier (through the warehouse, 3PL or a carrier integration) reports a parcel delivered.
 *
 * @param shipmentId the shipment delivered; absent means every shipment of the order not yet delivered
 */
public record DeliveryRequest(@Positive Long shipmentId) {}
