package dev.loupe.bench.memory;

import dev.loupe.core.stability.Internal;

/**
 * The process's memory after {@code explanations} explanations, in KiB. RSS and HWM are -1 where
 * {@code /proc/self/status} cannot be read.
 *
 * @param rssKiB resident set now (Java heap, JVM, libtorch and its allocations)
 * @param hwmKiB peak resident set since the process started
 * @param heapUsedKiB Java heap in use (after a full GC when the probe asks for one)
 * @param heapCommittedKiB Java heap reserved from the OS
 * @param nonHeapCommittedKiB the JVM's own committed areas (metaspace, code cache)
 */
@Internal
public record MemorySample(long explanations, double seconds, long rssKiB, long hwmKiB, long heapUsedKiB,
        long heapCommittedKiB, long nonHeapCommittedKiB) {

    /**
     * Memory outside the JVM's heap and committed areas: RSS minus heap and non-heap committed.
     * A rough view of native (libtorch) memory; -1 without RSS.
     */
    public long nativeKiB() {
        return rssKiB < 0 ? -1 : rssKiB - heapCommittedKiB - nonHeapCommittedKiB;
    }
}
