package dev.shelfsync.contracts;

/** One durable topic exchange per producing bounded context. */
public final class Exchanges {
    public static final String INVENTORY = "inventory";
    public static final String ORDERS = "orders";
    public static final String CHANNELS = "channels";
    public static final String RETURNS = "returns";
    public static final String ALERTS = "alerts";

    private Exchanges() {}
}
