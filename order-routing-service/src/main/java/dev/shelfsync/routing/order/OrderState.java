package dev.shelfsync.routing.order;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** Where an order is in its life; the transitions are decided by {@link ChannelOrders}, {@link ReservationAnswers} and {@link Shipments}. */
public enum OrderState {
    /** Stored; a reservation request is on its way to inventory (or being retried). */
    RECEIVED("received"),
    /** Inventory reserved every line. */
    ROUTED("routed"),
    PARTIALLY_SHIPPED("partially_shipped"),
    SHIPPED("shipped"),
    /** Every shipment reached the customer. */
    DELIVERED("delivered"),
    CANCELLED("cancelled"),
    /** Nobody could reserve it; kept for later by the channel's policy. */
    BACKORDERED("backordered"),
    /** Nobody could reserve it; the channel's policy cancels it on the channel. */
    UNFULFILLABLE("unfulfillable");

    private final String code;

    OrderState(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public static OrderState of(String code) {
        return Arrays.stream(values())
                .filter(s -> s.code.equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown order state " + code));
    }

    /** Holds reserved units at inventory that a cancellation must release. */
    public boolean holdsReservation() {
        return this == ROUTED;
    }

    /** A cancel can still stop it. */
    public boolean cancellable() {
        return this == RECEIVED || this == ROUTED || this == BACKORDERED || this == UNFULFILLABLE;
    }

    /** Has parcels on their way that can be reported delivered. */
    public boolean deliverable() {
        return this == PARTIALLY_SHIPPED || this == SHIPPED || this == DELIVERED;
    }

    public boolean shippable() {
        return this == ROUTED || this == PARTIALLY_SHIPPED;
    }
}
