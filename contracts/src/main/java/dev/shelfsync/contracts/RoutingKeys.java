package dev.shelfsync.contracts;

/** Routing keys, {@code <exchange>.<past-tense-event>}; the key is also the envelope's {@code type}. */
public final class RoutingKeys {
    public static final String ORDER_RECEIVED = "channels.order-received";
    public static final String ORDER_CANCELLED = "channels.order-cancelled";
    public static final String RETURN_REQUESTED = "channels.return-requested";
    public static final String SYNC_FAILED = "channels.sync-failed";
    public static final String DRIFT_DETECTED = "channels.drift-detected";
    public static final String UNKNOWN_LISTING_RECEIVED = "channels.unknown-listing-received";
    public static final String AVAILABILITY_ACKNOWLEDGED = "channels.availability-acknowledged";
    public static final String SYNC_LAG_MEASURED = "channels.sync-lag-measured";

    public static final String STOCK_RESERVATION_REQUESTED = "orders.stock-reservation-requested";
    public static final String STOCK_RELEASE_REQUESTED = "orders.stock-release-requested";
    public static final String STOCK_COMMIT_REQUESTED = "orders.stock-commit-requested";
    public static final String ORDER_ROUTED = "orders.routed";
    public static final String ORDER_SHIPPED = "orders.shipped";
    public static final String ORDER_UNFULFILLABLE = "orders.unfulfillable";

    public static final String AVAILABILITY_CHANGED = "inventory.availability-changed";
    public static final String STOCK_CHANGED = "inventory.stock-changed";
    public static final String RESERVATION_CONFIRMED = "inventory.reservation-confirmed";
    public static final String RESERVATION_REFUSED = "inventory.reservation-refused";

    public static final String RETURN_UNITS_RECEIVED = "returns.units-received";
    public static final String RETURN_UNITS_DISPOSITIONED = "returns.units-dispositioned";
    public static final String REFUND_DUE = "returns.refund-due";
    public static final String INSPECTION_OVERDUE = "returns.inspection-overdue";

    public static final String ALERT_RAISED = "alerts.raised";

    private RoutingKeys() {}
}
