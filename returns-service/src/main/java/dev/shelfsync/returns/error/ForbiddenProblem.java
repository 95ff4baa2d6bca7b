package dev.shelfsync.returns.error;

/** The caller may see the return but not act at the location the request names; answered as 403 problem+json. */
public class ForbiddenProblem extends RuntimeException {

    public ForbiddenProblem(String detail) {
        super(detail, null, false, false);
    }
}
