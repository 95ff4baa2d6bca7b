package dev.shelfsync.alerting.alert;

/** The kinds of condition alerting raises; with the subject they identify one condition. */
public final class AlertTypes {
    public static final String LOW_STOCK = "low-stock";
    public static final String OUT_OF_STOCK = "out-of-stock";
    public static final String REORDER_SUGGESTED = "reorder-suggested";
    public static final String OVERSELL = "oversell";
    public static final String CHANNEL_SYNC_FAILED = "channel-sync-failed";
    public static final String CHANNEL_DRIFT = "channel-drift";
    public static final String UNKNOWN_LISTING = "unknown-listing";
    public static final String INSPECTION_OVERDUE = "inspection-overdue";
    public static final String DEAD_LETTERED = "dead-lettered";

    private AlertTypes() {}
}
