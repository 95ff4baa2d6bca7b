package dev.shelfsync.alerting.notify;

/** What one delivery attempt achieved. */
record Outcome(boolean succeeded, Integer statusCode, String error) {

    static Outcome ok(Integer statusCode) {
        return new Outcome(true, statusCode, null);
    }

    static Outcome failed(Integer statusCode, String error) {
        return new Outcome(false, statusCode, error);
    }

    static Outcome failed(Throwable failure) {
        String message = failure.getMessage() != null
                ? failure.getMessage()
                : failure.getClass().getSimpleName();
        return new Outcome(false, null, message.length() > 500 ? message.substring(0, 500) : message);
    }
}
