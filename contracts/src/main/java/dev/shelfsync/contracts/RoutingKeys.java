package dev.shelfsync.contracts;

/** Routing keys, {@code <exchange>.<past-tense-event>}; the key is also the envelope's {@code type}. */
public final class RoutingKeys {
    public static final String ORDER_RECEIVED = "channels.order-received";
    public static final String ORDER_CANCELLED = "channels.order-cancelled";

    public static final String STOCK_RESERVATION_REQUESTED = "orders.stock-reservation-requested";
    public static final String STOCK_RELEASE_REQUESTED = "orders.stock-release-requested";
    public static final String STOCK_COMMIT_REQUESTED = "orders.stock-commit-requested";

    public static final String AVAILABILITY_CHANGED = "inventory.availability-changed";
    public static final String STOCK_CHANGED = "inventory.stock-changed";
    public static final String RESERVATION_CONFIRMED = "inventory.reservation-confirmed";
    public static final String RESERVATION_REFUSED = "inventory.reservation-refused";

    private RoutingKeys() {}
}
