package dev.shelfsync.routing.location;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Routing's own data about a location: where it is, which channels it ships for, its daily limits, cost and
 * priority. Today's capacity use and the stock seen there are kept elsewhere (they change with every order).
 */
@Entity
@Table(name = "location")
public class Location {

    @Id
    private String id;

    private BigDecimal latitude;

    private BigDecimal longitude;

    @Column(name = "country_code")
    private String countryCode;

    private boolean active;

    /** Channel ids this location ships for; empty means every channel. */
    @Column(name = "serves_channels")
    private String[] servesChannels;

    @Column(name = "daily_capacity_orders")
    private Integer dailyCapacityOrders;

    @Column(name = "daily_capacity_units")
    private Integer dailyCapacityUnits;

    private Integer priority;

    @Column(name = "cost_per_shipment")
    private BigDecimal costPerShipment;

    @Column(name = "updated_at")
    private OffsetDateTime updatedAt;

    protected Location() {}

    Location(String id, LocationRequest request) {
        this.id = id;
        describe(request);
    }

    /**
     * Replaces the routing data with the request's; absent fields take their defaults (active, every channel, no
     * limit). Numbers are kept at the column's scale, so what is answered is what is stored.
     */
    void describe(LocationRequest request) {
        this.latitude = scaled(request.latitude(), 6);
        this.longitude = scaled(request.longitude(), 6);
        this.countryCode =
                request.countryCode() == null ? null : request.countryCode().toUpperCase(Locale.ROOT);
        this.active = request.active() == null || request.active();
        this.servesChannels = request.servesChannels() == null
                ? new String[0]
                : request.servesChannels().toArray(new String[0]);
        this.dailyCapacityOrders = request.dailyCapacityOrders();
        this.dailyCapacityUnits = request.dailyCapacityUnits();
        this.priority = request.priority();
        this.costPerShipment = scaled(request.costPerShipment(), 2);
        this.updatedAt = OffsetDateTime.now();
    }

    String id() {
        return id;
    }

    LocationView view(DailyCapacity.Usage today, Map<String, Integer> sellableSeen) {
        return new LocationView(
                id,
                latitude,
                longitude,
                countryCode,
                active,
                List.of(servesChannels),
                dailyCapacityOrders,
                today.orders(),
                dailyCapacityUnits,
                today.units(),
                priority,
                costPerShipment,
                sellableSeen);
    }

    private static BigDecimal scaled(BigDecimal value, int scale) {
        return value == null ? null : value.setScale(scale, RoundingMode.HALF_UP);
    }
}
