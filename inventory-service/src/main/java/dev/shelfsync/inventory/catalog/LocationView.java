package dev.shelfsync.inventory.catalog;

import java.math.BigDecimal;
import java.util.List;

/** A location as the API shows it. */
public record LocationView(
        String id,
        String name,
        String kind,
        BigDecimal latitude,
        BigDecimal longitude,
        boolean active,
        List<String> servesChannels) {}
