package dev.shelfsync.returns.inspection;

import dev.shelfsync.platform.problem.Problem;
import dev.shelfsync.returns.error.InvalidInput;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The guided inspection checklist per product category, and the check that an inspection answered it. */
public final class Checklists {

    /** One question an inspector answers yes, no or n/a. */
    public record Question(String id, String text) {}

    /** The checklist of a category. */
    public record Checklist(String category, List<Question> questions) {}

    private static final List<Question> COMMON = List.of(
            new Question("packaging-intact", "Is the original packaging intact?"),
            new Question("item-complete", "Are all parts and accessories present?"),
            new Question("signs-of-use", "Does the item show signs of use?"));

    private static final Map<String, Checklist> BY_CATEGORY = new LinkedHashMap<>();

    static {
        add("general");
        add(
                "electronics",
                new Question("functional", "Does the item power on and pass the function test?"),
                new Question("serial-matches", "Does the serial number match the one shipped?"));
        add(
                "apparel",
                new Question("tags-attached", "Are the original tags attached?"),
                new Question("worn-or-washed", "Was the item worn or washed?"));
        add("homeware", new Question("functional", "Does the item work as intended (lids, mechanisms)?"));
    }

    private Checklists() {}

    private static void add(String category, Question... extra) {
        List<Question> questions = new ArrayList<>(COMMON);
        questions.addAll(List.of(extra));
        BY_CATEGORY.put(category, new Checklist(category, List.copyOf(questions)));
    }

    public static List<Checklist> all() {
        return List.copyOf(BY_CATEGORY.values());
    }

    public static Checklist of(String category) {
        Checklist checklist = BY_CATEGORY.get(category);
        if (checklist == null) {
            throw new InvalidInput(
                    "Unknown product category.",
                    List.of(new Problem.Violation("category", "must be one of " + BY_CATEGORY.keySet())));
        }
        return checklist;
    }

    /** Every question of the category answered exactly once, and nothing else. */
    public static void requireComplete(InspectionRequest request) {
        Checklist checklist = of(request.category());
        Set<String> expected = new HashSet<>();
        checklist.questions().forEach(q -> expected.add(q.id()));
        List<Problem.Violation> violations = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (InspectionRequest.Answer answer : request.answers()) {
            if (!expected.contains(answer.question())) {
                violations.add(new Problem.Violation(
                        "answers", "question " + answer.question() + " is not on the " + request.category() + " list"));
            } else if (!seen.add(answer.question())) {
                violations.add(new Problem.Violation("answers", "question " + answer.question() + " answered twice"));
            }
        }
        for (Question question : checklist.questions()) {
            if (!seen.contains(question.id())) {
                violations.add(new Problem.Violation("answers", "question " + question.id() + " is not answered"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput("The inspection does not answer its checklist.", violations);
        }
    }
}
