package dev.shelfsync.platform.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real faults on the local RabbitMQ node through {@code rabbitmqctl}: the broker stopped and started again, and
 * the broker blocking every publisher (a memory alarm) so that confirms never arrive. Tests run one at a time on
 * one machine, so the whole node may be disturbed; every fault is undone by {@link #close()}.
 */
public final class BrokerFaults implements AutoCloseable {

    private final String watermark;
    private boolean stopped;
    private boolean blocked;

    public BrokerFaults() {
        watermark =
                run("eval", "vm_memory_monitor:get_vm_memory_high_watermark().").trim();
    }

    /** Stops the RabbitMQ application: every connection is closed, as in a broker restart. */
    public void stopBroker() {
        run("stop_app");
        stopped = true;
    }

    public void startBroker() {
        run("start_app");
        run("await_startup");
        stopped = false;
    }

    /** Raises the memory alarm: connections stay open, publishes are accepted by TCP and never confirmed. */
    public void blockPublishers() {
        run("set_vm_memory_high_watermark", "0");
        blocked = true;
    }

    public void unblockPublishers() {
        run("set_vm_memory_high_watermark", watermark);
        blocked = false;
    }

    @Override
    public void close() {
        if (blocked) {
            unblockPublishers();
        }
        if (stopped) {
            startBroker();
        }
    }

    private static String run(String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("rabbitmqctl", "-q"));
        command.addAll(List.of(arguments));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("rabbitmqctl is needed for broker fault tests", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
