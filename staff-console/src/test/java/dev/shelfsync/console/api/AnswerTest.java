package dev.shelfsync.console.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** A service's problem+json becomes one sentence a person can act on, every invalid field named. */
class AnswerTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aRefusalReadsAsTitleDetailAndEachViolation() throws Exception {
        Answer refused = new Answer(
                400,
                json.readTree(
                        """
                {"type":"https://shelfsync.dev/problems/invalid-request","title":"Invalid request","status":400,
                 "detail":"2 fields are invalid.","violations":[{"field":"answers","message":"every question must be answered"},
                 {"field":"outcome","message":"must be accept or reject"}]}"""));

        assertEquals(
                "Invalid request. 2 fields are invalid. answers: every question must be answered. outcome: must be"
                        + " accept or reject.",
                refused.problem());
    }

    @Test
    void aBareStatusStillSaysWhatHappenedAndSuccessSaysNothing() throws Exception {
        assertEquals("Not found.", new Answer(404, json.missingNode()).problem());
        assertEquals("Your role may not do this.", new Answer(403, json.missingNode()).problem());
        assertNull(new Answer(200, json.readTree("{}")).problem());
    }
}
