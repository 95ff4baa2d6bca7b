package dev.shelfsync.scenarios;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;

/** Bounded load generators: closed loops (N clients as fast as they can) and open loops (a fixed rate). */
final class Load {

    private Load() {}

    /** Result of a closed loop: successes, failures, per-call milliseconds. */
    record Closed(int ok, int failed, double seconds, List<Double> millis) {
        double okPerSecond() {
            return ok / seconds;
        }
    }

    /** Runs {@code call} from {@code clients} threads until {@code seconds} pass; call returns success. */
    static Closed closedLoop(int clients, double seconds, IntPredicate call) {
        ExecutorService pool = Executors.newFixedThreadPool(clients, Threads.daemon("load"));
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger sequence = new AtomicInteger();
        List<Double> millis = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    boolean success;
                    try {
                        success = call.test(sequence.incrementAndGet());
                    } catch (RuntimeException e) {
                        success = false;
                    }
                    millis.add((System.nanoTime() - t0) / 1e6);
                    (success ? ok : failed).incrementAndGet();
                }
            });
        }
        pool.shutdown();
        try {
            pool.awaitTermination((long) seconds + 120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
        return new Closed(ok.get(), failed.get(), (System.nanoTime() - start) / 1e9, new ArrayList<>(millis));
    }

    /** Starts {@code task(i)} at {@code rate} per second for {@code seconds} on a bounded pool; waits for all. */
    static double openLoop(double rate, double seconds, int threads, IntConsumer task) {
        int total = (int) Math.round(rate * seconds);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                threads, threads, 1, TimeUnit.SECONDS, new ArrayBlockingQueue<>(total + 1), Threads.daemon("open"));
        long start = System.nanoTime();
        long interval = (long) (1e9 / rate);
        for (int i = 0; i < total; i++) {
            long wait = start + i * interval - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int n = i;
            pool.execute(() -> task.accept(n));
        }
        pool.shutdown();
        try {
            pool.awaitTermination(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
        return (System.nanoTime() - start) / 1e9;
    }

    /** Runs {@code task(i)} for i in [0, n) on {@code threads} threads. */
    static void parallel(int n, int threads, IntConsumer task) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, Threads.daemon("setup"));
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            futures.add(pool.submit(() -> task.accept(k)));
        }
        try {
            for (java.util.concurrent.Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("setup failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
