package dev.shelfsync.platform.testing;

import java.util.List;

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
        return Commands.run(command);
    }
}
