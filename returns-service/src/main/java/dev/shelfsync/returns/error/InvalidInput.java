package dev.shelfsync.returns.error;

import dev.shelfsync.platform.problem.Problem;
import java.util.List;

/** Input that passed bean validation but breaks a domain rule (e.g. an unanswered checklist question); 400. */
public class InvalidInput extends RuntimeException {

    private final List<Problem.Violation> violations;

    public InvalidInput(String detail, List<Problem.Violation> violations) {
        super(detail, null, false, false);
        this.violations = violations;
    }

    public List<Problem.Violation> violations() {
        return violations;
    }
}
