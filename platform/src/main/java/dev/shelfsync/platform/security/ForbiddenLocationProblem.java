package dev.shelfsync.platform.security;

/** A warehouse worker acting on a location their token does not name; answered as 403 problem+json. */
public class ForbiddenLocationProblem extends RuntimeException {

    public ForbiddenLocationProblem(String user, String locationId) {
        super(user + " does not work at location " + locationId + ".", null, false, false);
    }
}
