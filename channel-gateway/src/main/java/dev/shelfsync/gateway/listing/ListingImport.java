package dev.shelfsync.gateway.listing;

import dev.shelfsync.platform.problem.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a listing CSV: a header {@code listingId,sku,packSize[,inventoryItemId]}, then one mapping per line. Strict:
 * any bad line rejects the whole file with every problem listed.
 */
final class ListingImport {

    static final int MAX_ROWS = 50_000;

    record Row(String listingId, String sku, int packSize, String inventoryItemId) {}

    record Parsed(List<Row> rows, List<Problem.Violation> violations) {}

    private ListingImport() {}

    static Parsed parse(String csv) {
        List<Row> rows = new ArrayList<>();
        List<Problem.Violation> violations = new ArrayList<>();
        String[] lines = csv.replace("\r", "").split("\n");
        if (lines.length == 0 || !lines[0].trim().toLowerCase().startsWith("listingid,sku")) {
            violations.add(new Problem.Violation("line 1", "header must be listingId,sku,packSize[,inventoryItemId]"));
            return new Parsed(rows, violations);
        }
        for (int i = 1; i < lines.length && violations.size() < 100; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            String field = "line " + (i + 1);
            if (cells.length < 2 || cells.length > 4) {
                violations.add(new Problem.Violation(field, "expected 2 to 4 comma-separated cells"));
                continue;
            }
            String listingId = cells[0].trim();
            String sku = cells[1].trim();
            int packSize = 1;
            if (cells.length > 2 && !cells[2].isBlank()) {
                try {
                    packSize = Integer.parseInt(cells[2].trim());
                } catch (NumberFormatException e) {
                    packSize = 0;
                }
            }
            String itemId = cells.length > 3 && !cells[3].isBlank() ? cells[3].trim() : null;
            if (listingId.isEmpty() || listingId.length() > 200 || sku.isEmpty() || sku.length() > 200) {
                violations.add(new Problem.Violation(field, "listingId and sku must be 1 to 200 characters"));
            } else if (packSize < 1 || packSize > 10_000) {
                violations.add(new Problem.Violation(field, "packSize must be 1 to 10000"));
            } else {
                rows.add(new Row(listingId, sku, packSize, itemId));
            }
        }
        if (rows.size() > MAX_ROWS) {
            violations.add(new Problem.Violation("file", "at most " + MAX_ROWS + " rows per import"));
        }
        return new Parsed(rows, violations);
    }
}
