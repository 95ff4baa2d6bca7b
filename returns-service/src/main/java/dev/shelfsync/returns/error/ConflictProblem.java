package dev.shelfsync.returns.error;

import java.util.Map;

/** A request that is well formed but not allowed in the return's current state; answered as 409 problem+json. */
public class ConflictProblem extends RuntimeException {

    private final String type;
    private final Map<String, Object> extensions;

    public ConflictProblem(String type, String detail, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.type = type;
        this.extensions = extensions;
    }

    public String type() {
        return type;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
