package dev.shelfsync.console.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gateway's health figures read as a state word and one line each, with ages a person reads at a glance. */
class HealthWordsTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aFailingChannelSaysWhyAndNamesTheRefusedListing() throws Exception {
        Map<String, String> words = HealthWords.of(
                health(
                        """
                {"channelId":"woo","state":"failing","lastPushAt":"2026-12-07T12:00:00Z","lastPushAgeSeconds":300,
                 "lastPushError":{"listingId":"7001","error":"HTTP 422"},
                 "lag":{"p99Millis":null,"samples":0,"windowSeconds":60},
                 "backlog":{"listings":2,"oldestSince":"2026-12-07T12:04:00Z","oldestAgeSeconds":75},
                 "failures":{"listingsInError":1,"failingSince":"2026-12-07T12:04:00Z","lastError":"HTTP 503"},
                 "rateLimit":{"perSecond":5,"usedPerSecond":0.25,"windowSeconds":60},
                 "reconciliation":{"lastRunAt":"2026-12-07T12:03:00Z","outcome":"completed","lastDriftAt":"2026-12-07T11:00:00Z",
                  "driftFound":3,"driftRepaired":2,"driftFoundTotal":7}}"""));

        assertEquals("failing", words.get("state"));
        assertEquals("5 min ago (2026-12-07 12:00:00 UTC)", words.get("lastPush"));
        assertEquals("no sale measured in the last 60 s", words.get("lag"));
        assertEquals("2 listings waiting, the oldest for 75 s", words.get("backlog"));
        assertEquals(
                "pushes failing since 2026-12-07 12:04:00 UTC (HTTP 503); 1 listing refused by the store, e.g. 7001:"
                        + " HTTP 422",
                words.get("failures"));
        assertEquals("0.25 of 5 requests/s used (last 60 s)", words.get("rateLimit"));
        assertEquals(
                "last sweep completed at 2026-12-07 12:03:00 UTC; drift found in 3, repaired 2 (sweep of"
                        + " 2026-12-07 11:00:00 UTC; 7 in all)",
                words.get("reconciliation"));
    }

    @Test
    void aChannelInStepReadsOk() throws Exception {
        Map<String, String> words = HealthWords.of(
                health(
                        """
                {"state":"ok","lastPushAt":null,"lag":{"p99Millis":140,"samples":12,"windowSeconds":60},
                 "backlog":{"listings":0},"failures":{"listingsInError":0},
                 "rateLimit":{"perSecond":2,"usedPerSecond":0.0,"windowSeconds":60},"reconciliation":null}"""));

        assertEquals("In step", words.get("stateWords"));
        assertEquals("never acknowledged", words.get("lastPush"));
        assertEquals("p99 140 ms over 12 sales in the last 60 s", words.get("lag"));
        assertEquals("0 listings waiting", words.get("backlog"));
        assertEquals("none", words.get("failures"));
        assertEquals("never swept", words.get("reconciliation"));
        assertEquals("just now", HealthWords.ago(1));
        assertEquals("3 h ago", HealthWords.ago(3 * 3600 + 5));
        assertEquals("2026-12-07 12:43:35 UTC", HealthWords.when("2026-12-07T13:43:35.061496+01:00"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> health(String body) throws Exception {
        return json.readValue(body, Map.class);
    }
}
