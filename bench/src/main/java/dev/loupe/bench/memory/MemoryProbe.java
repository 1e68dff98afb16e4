package dev.loupe.bench.memory;

import dev.loupe.core.stability.Internal;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Takes a {@link MemorySample}; tests give fixed numbers. */
@FunctionalInterface
@Internal
public interface MemoryProbe {

    MemorySample sample(long explanations, double seconds);

    /**
     * {@code /proc/self/status} and the JVM's memory beans, after a full GC when {@code gcFirst}
     * (so that heap used is the live set, not garbage waiting to be collected).
     */
    static MemoryProbe process(boolean gcFirst) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        return (explanations, seconds) -> {
            if (gcFirst) {
                System.gc();
            }
            ProcStatus status = ProcStatus.readSelf().orElse(new ProcStatus(-1, -1));
            return new MemorySample(explanations, seconds, status.vmRssKiB(), status.vmHwmKiB(),
                    memory.getHeapMemoryUsage().getUsed() / 1024, memory.getHeapMemoryUsage().getCommitted() / 1024,
                    memory.getNonHeapMemoryUsage().getCommitted() / 1024);
        };
    }
}
