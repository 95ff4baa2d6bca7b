package dev.shelfsync.returns.inspection;

import java.time.Instant;
import java.util.List;

/** A recorded inspection, with every answer and its inspector. */
public record InspectionView(
        String sku,
        String category,
        String outcome,
        String notes,
        List<String> photos,
        String inspector,
        Instant inspectedAt,
        List<AnswerView> answers) {

    /** One recorded answer. */
    public record AnswerView(String question, String answer, String note, String inspector, Instant answeredAt) {}
}
