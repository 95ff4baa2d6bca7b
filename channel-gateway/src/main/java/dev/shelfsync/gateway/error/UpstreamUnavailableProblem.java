package dev.shelfsync.gateway.error;

import java.time.Duration;

/**
 * A request could not be completed because a marketplace API it depends on failed or throttled us: answered 5xx
 * problem+json (with {@code Retry-After} when the marketplace gave one), so the sender delivers again later.
 */
public class UpstreamUnavailableProblem extends ProblemException {

    private final Duration retryAfter;

    public UpstreamUnavailableProblem(int status, String type, String title, String detail, Duration retryAfter) {
        super(status, type, title, detail);
        this.retryAfter = retryAfter;
    }

    /** Null when the marketplace named no pause. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
