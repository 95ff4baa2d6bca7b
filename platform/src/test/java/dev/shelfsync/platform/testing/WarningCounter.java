package dev.shelfsync.platform.testing;

import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Counts the warnings and errors the application logs, from every category, while it is open. */
public final class WarningCounter extends Handler implements AutoCloseable {

    private final AtomicLong count = new AtomicLong();

    public WarningCounter() {
        Logger.getLogger("").addHandler(this);
    }

    public long count() {
        return count.get();
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            count.incrementAndGet();
        }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
