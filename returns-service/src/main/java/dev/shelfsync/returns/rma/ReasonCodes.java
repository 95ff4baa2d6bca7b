package dev.shelfsync.returns.rma;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The fixed list of return reasons, and how a marketplace's own reason text maps onto it. */
public final class ReasonCodes {

    public static final String PATTERN =
            "damaged|defective|wrong-item|not-as-described|no-longer-needed|size-fit|arrived-late|other";
    public static final List<String> ALL = List.of(PATTERN.split("\\|"));

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("damaged-by-carrier", "damaged"),
            Map.entry("broken", "damaged"),
            Map.entry("faulty", "defective"),
            Map.entry("not-working", "defective"),
            Map.entry("wrong-product", "wrong-item"),
            Map.entry("incorrect-item", "wrong-item"),
            Map.entry("not-as-pictured", "not-as-described"),
            Map.entry("unwanted", "no-longer-needed"),
            Map.entry("changed-mind", "no-longer-needed"),
            Map.entry("too-small", "size-fit"),
            Map.entry("too-large", "size-fit"),
            Map.entry("size", "size-fit"),
            Map.entry("late", "arrived-late"));

    private ReasonCodes() {}

    /** Maps a marketplace reason ("DAMAGED_BY_CARRIER", "Too small") to a code; unknown text becomes "other". */
    public static String normalise(String marketplaceReason) {
        if (marketplaceReason == null || marketplaceReason.isBlank()) {
            return "other";
        }
        String key = marketplaceReason.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        if (ALL.contains(key)) {
            return key;
        }
        return ALIASES.getOrDefault(key, "other");
    }
}
