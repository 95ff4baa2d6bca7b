package dev.shelfsync.gateway.error;

/** Something a request names does not exist; answered as 404 problem+json. */
public class NotFoundProblem extends RuntimeException {

    public NotFoundProblem(String detail) {
        super(detail, null, false, false);
    }
}
