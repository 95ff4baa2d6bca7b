package dev.shelfsync.routing.ranking;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which of the ranked locations ships each line of an order: as few locations as possible, best-ranked first. */
final class LineCover {

    /** Upper bound on location combinations tried for a split before falling back to a greedy cover. */
    private static final int MAX_COMBINATIONS = 20_000;

    private LineCover() {}

    /** Single location first, then the fewest locations covering every line, then a best-effort partial cover. */
    static Assignment assign(
            List<LineDemand> lines, Map<String, Integer> demand, List<LocationProfile> ranked, Scoring scoring) {
        for (LocationProfile location : ranked) {
            boolean all =
                    demand.entrySet().stream().allMatch(e -> scoring.stock(location.id(), e.getKey()) >= e.getValue());
            if (all) {
                Map<String, String> chosen = new LinkedHashMap<>();
                lines.forEach(line -> chosen.put(line.lineId(), location.id()));
                return new Assignment(chosen, lines.size());
            }
        }
        // Only locations that can ship at least one line matter for a split.
        List<LocationProfile> useful = ranked.stream()
                .filter(l -> lines.stream().anyMatch(line -> scoring.stock(l.id(), line.sku()) >= line.quantity()))
                .toList();
        int[] budget = {MAX_COMBINATIONS};
        for (int size = 2; size <= Math.min(lines.size(), useful.size()); size++) {
            List<LocationProfile> cover = smallestCover(lines, useful, scoring, size, budget);
            if (cover != null) {
                return assignWithin(lines, cover, scoring);
            }
            if (budget[0] <= 0) {
                break;
            }
        }
        return greedy(lines, useful, scoring);
    }

    /** The first combination of {@code size} locations in rank order that covers every line, or null. */
    private static List<LocationProfile> smallestCover(
            List<LineDemand> lines, List<LocationProfile> useful, Scoring scoring, int size, int[] budget) {
        int[] index = new int[size];
        for (int i = 0; i < size; i++) {
            index[i] = i;
        }
        while (budget[0]-- > 0) {
            List<LocationProfile> combination = new ArrayList<>(size);
            for (int i : index) {
                combination.add(useful.get(i));
            }
            if (assignWithin(lines, combination, scoring).complete()) {
                return combination;
            }
            int i = size - 1;
            while (i >= 0 && index[i] == useful.size() - size + i) {
                i--;
            }
            if (i < 0) {
                return null;
            }
            index[i]++;
            for (int j = i + 1; j < size; j++) {
                index[j] = index[j - 1] + 1;
            }
        }
        return null;
    }

    /** Each line to the best-ranked location of the set that can ship it, counting units already planned there. */
    private static Assignment assignWithin(List<LineDemand> lines, List<LocationProfile> set, Scoring scoring) {
        Map<String, String> chosen = new LinkedHashMap<>();
        Map<String, Integer> planned = new HashMap<>();
        for (LineDemand line : lines) {
            for (LocationProfile location : set) {
                String key = location.id() + "\u0000" + line.sku();
                int already = planned.getOrDefault(key, 0);
                if (scoring.stock(location.id(), line.sku()) - already >= line.quantity()) {
                    chosen.put(line.lineId(), location.id());
                    planned.merge(key, line.quantity(), Integer::sum);
                    break;
                }
            }
        }
        return new Assignment(chosen, lines.size());
    }

    /** Repeatedly the location that ships the most remaining lines; used when the exact search is too large. */
    private static Assignment greedy(List<LineDemand> lines, List<LocationProfile> useful, Scoring scoring) {
        List<LineDemand> remaining = new ArrayList<>(lines);
        List<LocationProfile> picked = new ArrayList<>();
        while (!remaining.isEmpty()) {
            LocationProfile best = null;
            long bestCount = 0;
            for (LocationProfile location : useful) {
                if (picked.contains(location)) {
                    continue;
                }
                long count = remaining.stream()
                        .filter(line -> scoring.stock(location.id(), line.sku()) >= line.quantity())
                        .count();
                if (count > bestCount) {
                    best = location;
                    bestCount = count;
                }
            }
            if (best == null) {
                break;
            }
            LocationProfile location = best;
            picked.add(location);
            remaining.removeIf(line -> scoring.stock(location.id(), line.sku()) >= line.quantity());
        }
        return assignWithin(lines, picked, scoring);
    }

    /** Lines mapped to planned locations; complete when every line has one. */
    record Assignment(Map<String, String> chosen, int lineCount) {

        boolean complete() {
            return chosen.size() == lineCount;
        }

        int covered() {
            return chosen.size();
        }

        int shipments() {
            Set<String> distinct = new LinkedHashSet<>(chosen.values());
            return distinct.size();
        }
    }
}
