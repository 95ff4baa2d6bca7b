package dev.shelfsync.console.signin;

/** A screen the person's roles do not cover; shown as a page that says which roles it wants. */
public class ScreenNotForYou extends RuntimeException {

    public ScreenNotForYou(String screen, String roles) {
        super("The " + screen + " screen is for " + roles + ".");
    }

    private ScreenNotForYou(String reason) {
        super(reason);
    }

    /** Signed in at the provider, but with none of the roles any screen wants: there is no start page to send to. */
    static ScreenNotForYou noConsoleRole() {
        return new ScreenNotForYou("Your account has none of the roles this console serves (" + StaffMember.ADMIN + ", "
                + StaffMember.MERCHANT_OPS + ", " + StaffMember.WAREHOUSE_STAFF
                + "): ask whoever manages accounts at your identity provider to grant the one for your work.");
    }
}
