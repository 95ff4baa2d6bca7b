package dev.shelfsync.alerting.error;

/** A request that is well formed but not allowed in the resource's current state; answered as 409 problem+json. */
public class ConflictProblem extends RuntimeException {

    private final String type;

    public ConflictProblem(String type, String detail) {
        super(detail, null, false, false);
        this.type = type;
    }

    public String type() {
        return type;
    }
}
