package dev.shelfsync.scenarios;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A generated section of a hand-written markdown file (BENCHMARKS.md, RELIABILITY.md): the text between two marker
 * lines is replaced, everything around it is kept, so the prose can be edited and the figures regenerated.
 */
final class MarkedSection {

    private MarkedSection() {}

    /**
     * @param heading the file's start when it does not exist yet
     */
    static void replace(Path file, String start, String end, String heading, String content) throws IOException {
        String existing = Files.exists(file) ? Files.readString(file) : heading + "\n\n" + start + "\n" + end + "\n";
        int s = existing.indexOf(start);
        int e = existing.indexOf(end);
        String updated = s < 0 || e < s
                ? existing + "\n" + start + "\n" + content + end + "\n"
                : existing.substring(0, s + start.length()) + "\n" + content + existing.substring(e);
        Files.writeString(file, updated);
    }
}
