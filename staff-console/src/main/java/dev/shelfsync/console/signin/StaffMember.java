package dev.shelfsync.console.signin;

import io.quarkus.qute.TemplateData;
import java.util.List;
import java.util.Set;

/** The person signed in: who, with which roles, at which locations (warehouse staff). */
@TemplateData
public record StaffMember(String user, Set<String> roles, List<String> locations) {

    public static final String ADMIN = "admin";
    public static final String MERCHANT_OPS = "merchant-ops";
    public static final String WAREHOUSE_STAFF = "warehouse-staff";

    /** Whether any of the roles is the person's; an admin may use every screen. */
    public boolean mayUse(String... wanted) {
        if (roles.contains(ADMIN)) {
            return true;
        }
        for (String role : wanted) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    public boolean warehouseStaff() {
        return mayUse(WAREHOUSE_STAFF);
    }

    public boolean operations() {
        return mayUse(MERCHANT_OPS);
    }

    public String describe() {
        String where = locations.isEmpty() ? "" : " at " + String.join(", ", locations);
        return user + " (" + String.join(", ", roles) + ")" + where;
    }
}
