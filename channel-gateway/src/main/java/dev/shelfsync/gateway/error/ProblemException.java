package dev.shelfsync.gateway.error;

/** A client error with its problem type, answered as application/problem+json with the given status. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;

    public ProblemException(int status, String type, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "invalid-signature", "Unauthorized", detail);
    }

    public static ProblemException malformed(String detail) {
        return new ProblemException(400, "malformed-payload", "Malformed payload", detail);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }
}
