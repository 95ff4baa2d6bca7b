package dev.shelfsync.routing.ranking;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** How a channel orders the locations that could ship an order, after the single-location preference. */
public enum Strategy {
    NEAREST("nearest"),
    HIGHEST_STOCK("highest-stock"),
    LOWEST_COST("lowest-cost"),
    PRIORITY("priority");

    private final String code;

    Strategy(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    /** @throws IllegalArgumentException for an unknown code */
    @JsonCreator
    public static Strategy of(String code) {
        return Arrays.stream(values())
                .filter(s -> s.code.equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown strategy " + code));
    }
}
