package dev.shelfsync.platform.problem;

/** A body that grew past the size limit while an operation read it; answered as a 413 problem document. */
public class BodyTooLargeProblem extends RuntimeException {

    private final long limit;

    public BodyTooLargeProblem(long limit) {
        super("request body over " + limit + " bytes", null, false, false);
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
