package org.transferable.study;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transferable.engine.ThreadLimit;
import org.transferable.network.Backend;

/**
 * Runs a study's cells in workers that each limit the engine's threads ({@link Backend#limitThreads}), or on the
 * calling thread when the engine cannot limit its threads per thread or one worker is asked for. The first failure
 * stops every worker after its current cell and is rethrown; an interrupt stops them all.
 */
final class WorkerPool {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

    private WorkerPool() {
    }

    /** One cell's work. */
    @FunctionalInterface
    interface Job<T> {
        void run(T item) throws IOException;
    }

    /**
     * @param items the cells, handed out in order
     * @param count workers wanted, at least 1
     * @param threads engine threads per worker
     * @param limited whether to limit the engine's threads even for one worker
     * @param backend the backend
     * @param name names the worker threads
     * @param starting hears the number of workers that will run (1 on the calling thread), before the first cell
     * @param job what each cell does
     */
    static <T> void run(List<T> items, int count, int threads, boolean limited, Backend backend, String name,
            IntConsumer starting, Job<T> job) throws IOException {
        Optional<ThreadLimit> probe = limited ? backend.limitThreads(threads) : Optional.empty();
        if (limited && probe.isEmpty()) {
            LOG.info("backend {} cannot limit its threads per worker; training one cell at a time", backend.name());
        }
        if (probe.isEmpty()) {
            starting.accept(1);
            for (T item : items) {
                job.run(item);
            }
            return;
        }
        probe.get().close();
        starting.accept(count);
        ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>(items);
        AtomicReference<Throwable> error = new AtomicReference<>();
        List<Thread> pool = new ArrayList<>();
        for (int w = 0; w < count; w++) {
            Thread thread = new Thread(() -> {
                try (ThreadLimit limit = backend.limitThreads(threads).orElseThrow()) {
                    T item;
                    while (error.get() == null && !Thread.currentThread().isInterrupted()
                            && (item = queue.poll()) != null) {
                        job.run(item);
                    }
                } catch (IOException | RuntimeException | Error e) {
                    error.compareAndSet(null, e);
                }
            }, name + "-worker-" + (w + 1));
            pool.add(thread);
            thread.start();
        }
        try {
            for (Thread thread : pool) {
                thread.join();
            }
        } catch (InterruptedException e) {
            pool.forEach(Thread::interrupt);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the study's workers ran; finished cells are on disk", e);
        }
        Throwable thrown = error.get();
        if (thrown instanceof IOException io) {
            throw io;
        }
        if (thrown instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (thrown instanceof Error fatal) {
            throw fatal;
        }
    }
}
