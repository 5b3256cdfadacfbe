package io.consensio.bench.cluster;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * How busy the JIT compiler has been between two looks, as a share of the wall time between them
 * (its compiler threads summed, so it can exceed 1). A benchmark is in its steady state only once
 * this is small: while the compiler still works, a run counts its CPU as the cluster's and measures
 * code that is not yet the code the cluster will run.
 *
 * <p>Not thread-safe: one driver thread looks.
 */
final class JitActivity {
  private final CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
  private long lastCompileMillis;
  private long lastNanos;

  JitActivity() {
    lastCompileMillis = compileMillis();
    lastNanos = System.nanoTime();
  }

  /** False on a JVM that does not report compilation time; then nothing can be said. */
  boolean isMeasurable() {
    return compiler != null && compiler.isCompilationTimeMonitoringSupported();
  }

  /** The compiler's share of the wall time since the previous call (or since construction). */
  double shareSinceLastLook() {
    long compileMillis = compileMillis();
    long nanos = System.nanoTime();
    double wallMillis = Math.max(1, (nanos - lastNanos) / 1e6);
    double share = (compileMillis - lastCompileMillis) / wallMillis;
    lastCompileMillis = compileMillis;
    lastNanos = nanos;
    return share;
  }

  private long compileMillis() {
    return isMeasurable() ? compiler.getTotalCompilationTime() : 0;
  }
}
