package dev.shelfsync.alerting.error;

import dev.shelfsync.platform.problem.Problem;
import java.util.List;

/** Input that passes field validation but is inconsistent as a whole; answered as 400 problem+json. */
public class BadRequestProblem extends RuntimeException {

    private final List<Problem.Violation> violations;

    public BadRequestProblem(String field, String message) {
        super(message, null, false, false);
        this.violations = List.of(new Problem.Violation(field, message));
    }

    public List<Problem.Violation> violations() {
        return violations;
    }
}
