package dev.shelfsync.platform.problem;

/** Something a request names does not exist or is not visible to the caller; answered as 404 problem+json. */
public class NotFoundProblem extends RuntimeException {

    public NotFoundProblem(String detail) {
        super(detail, null, false, false);
    }
}
