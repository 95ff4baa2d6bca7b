package dev.shelfsync.scenarios;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Java Flight Recorder on the running services for one measured window: started and stopped with {@code jcmd}, so
 * the recording holds exactly the phase, then summarised as the methods most often on top of the stack (where the
 * CPU is spent) and the Shelfsync methods most often anywhere in it (which of our code leads there).
 */
final class Profiler {

    private static final String RECORDING = "shelfsync-bench";
    private static final int TOP = 8;

    private final Map<String, Long> pids;
    private final Path dir;

    private Profiler(Map<String, Long> pids, Path dir) {
        this.pids = pids;
        this.dir = dir;
    }

    /** Starts a recording in every service; {@code dir} receives one {@code <service>.jfr} each. */
    static Profiler start(LocalSystem system, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + dir, e);
        }
        Profiler profiler = new Profiler(system.pids(), dir);
        profiler.pids.forEach((service, pid) -> jcmd(pid, "JFR.start", "name=" + RECORDING, "settings=profile"));
        return profiler;
    }

    /** Stops and writes the recordings, and returns the summary as markdown. */
    String stop() {
        StringBuilder md = new StringBuilder();
        for (Map.Entry<String, Long> service : pids.entrySet()) {
            Path file = dir.resolve(service.getKey() + ".jfr");
            jcmd(service.getValue(), "JFR.stop", "name=" + RECORDING, "filename=" + file);
            md.append(summary(service.getKey(), file));
        }
        return md.toString();
    }

    private static String summary(String service, Path file) {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> ours = new HashMap<>();
        int samples = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                if (frames.isEmpty()) {
                    continue;
                }
                samples++;
                self.merge(name(frames.get(0)), 1, Integer::sum);
                List<String> seen = new ArrayList<>();
                for (RecordedFrame frame : frames) {
                    String name = name(frame);
                    if (ours(frame) && !seen.contains(name)) {
                        seen.add(name);
                        ours.merge(name, 1, Integer::sum);
                    }
                }
            }
        } catch (IOException e) {
            return "- " + service + ": no recording (" + e.getMessage() + ")\n";
        }
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "- **%s** (%d samples): on top of the stack ", service, samples));
        md.append(top(self, samples))
                .append("; Shelfsync frames anywhere in the stack ")
                .append(top(ours, samples));
        return md.append('\n').toString();
    }

    private static String top(Map<String, Integer> counts, int samples) {
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(TOP)
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        List<String> parts = new ArrayList<>();
        sorted.forEach((name, n) ->
                parts.add(String.format(Locale.ROOT, "`%s` %.0f %%", name, 100.0 * n / Math.max(1, samples))));
        return String.join(", ", parts);
    }

    private static boolean ours(RecordedFrame frame) {
        return frame.getMethod() != null
                && frame.getMethod().getType().getName().startsWith("dev.shelfsync.");
    }

    /** The method with its class and the last part of its package, e.g. {@code outbox.OutboxRelay.drain}. */
    private static String name(RecordedFrame frame) {
        if (frame.getMethod() == null) {
            return "(unknown)";
        }
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.', type.lastIndexOf('.') - 1) + 1) + "."
                + frame.getMethod().getName();
    }

    private static void jcmd(long pid, String... command) {
        List<String> args = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(pid)));
        args.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run jcmd", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running jcmd", e);
        }
    }
}
