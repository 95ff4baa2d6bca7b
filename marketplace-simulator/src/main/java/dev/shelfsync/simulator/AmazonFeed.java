package dev.shelfsync.simulator;

import java.time.Instant;
import java.util.List;

/**
 * A feed the gateway created on a simulated Amazon store (SP-API Feeds 2021-06-30), with the document it uploaded.
 *
 * @param document the uploaded feed document as text (an AmazonEnvelope)
 * @param errors what processing the document found wrong (the processing report's errors); empty when every message
 *     was applied
 */
public record AmazonFeed(
        String feedId,
        String feedType,
        List<String> marketplaceIds,
        Instant createdTime,
        String processingStatus,
        String document,
        List<String> errors) {}
