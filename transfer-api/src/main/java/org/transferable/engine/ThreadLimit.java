package org.transferable.engine;

/**
 * An engine's intra-op thread count lowered on one thread ({@link Engine#limitThreads}); closing it, on the same
 * thread, ends the limit.
 */
@FunctionalInterface
public interface ThreadLimit extends AutoCloseable {
    /** Ends the limit; throws nothing. */
    @Override
    void close();
}
