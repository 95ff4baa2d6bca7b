package dev.shelfsync.systemtests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * How many messages each queue of the system's vhost holds (ready and unacknowledged), read with rabbitmqctl: the
 * broker here has no management plugin. What a refused request must leave unchanged, beside the outbox rows.
 */
final class QueueDepths {

    private QueueDepths() {}

    /** Messages per queue, once two readings a second apart agree (consumers done with what was in flight). */
    static Map<String, Long> settled() throws Exception {
        return Settled.reading(QueueDepths::read);
    }

    private static Map<String, Long> read() throws IOException, InterruptedException {
        String vhost = SystemUnderTest.get().deployment().vhost();
        Process process = new ProcessBuilder(
                        "rabbitmqctl", "-q", "list_queues", "-p", vhost, "--no-table-headers", "name", "messages")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("rabbitmqctl list_queues failed: " + output);
        }
        Map<String, Long> depths = new TreeMap<>();
        for (String line : output.split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length == 2 && columns[1].matches("\\d+")) {
                depths.put(columns[0], Long.parseLong(columns[1]));
            }
        }
        if (depths.isEmpty()) {
            throw new IOException("no queue in vhost " + vhost + ": " + output);
        }
        return depths;
    }
}
