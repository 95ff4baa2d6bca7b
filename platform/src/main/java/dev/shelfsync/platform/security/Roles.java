package dev.shelfsync.platform.security;

/** The roles a bearer token's {@code groups} claim grants, the same in every service. */
public final class Roles {

    /** Everything, in every service. */
    public static final String ADMIN = "admin";
    /** A merchant's operations team: catalogue, channels, policies, rules, stock corrections anywhere. */
    public static final String MERCHANT_OPS = "merchant-ops";
    /** Returns bench and stock work, only at the locations in the token's {@code locations} claim. */
    public static final String WAREHOUSE_STAFF = "warehouse-staff";
    /** The returns desk's supervisor: every location's returns, and the return reasons. */
    public static final String RETURNS_SUPERVISOR = "returns-supervisor";
    /** Another system acting on its own behalf (automation, a harness, a peer service). */
    public static final String SERVICE = "service";

    private Roles() {}
}
