package dev.shelfsync.contracts.channels;

import java.math.BigDecimal;

/** Where an order goes; coordinates are given when the marketplace supplies them. */
public record ShipTo(String countryCode, String postalCode, BigDecimal latitude, BigDecimal longitude) {}
