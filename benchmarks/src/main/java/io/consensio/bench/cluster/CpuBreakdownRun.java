package io.consensio.bench.cluster;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a cluster's CPU goes, per committed transaction: an in-process cluster under a closed loop,
 * with every Java thread's CPU time read before and after the measured run and summed by thread
 * role (the thread name without its node and index), and the process's CPU time that no Java thread
 * accounts for (GC, JIT, RocksDB's native threads) as one more row. A profile that load on a shared
 * machine does not distort: it counts CPU time, not wall time.
 *
 * <p>{@code java -cp benchmarks.jar io.consensio.bench.cluster.CpuBreakdownRun --consensus pbft
 * [--nodes 4] [--signed true] [--seconds 15] [--window 10000] [--payload 256]}
 */
public final class CpuBreakdownRun {
  private static final int CLIENTS = 64;

  /** Report each node's threads apart instead of summed by role. */
  private static boolean keepNodeIds;

  private CpuBreakdownRun() {}

  public static void main(String[] args) throws Exception {
    String consensus = "pbft";
    int nodes = 4;
    boolean signed = true;
    int seconds = 15;
    int window = 10_000;
    int payload = 256;
    int warmUpSeconds = 10;
    boolean perNode = false;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--consensus" -> consensus = args[i + 1];
        case "--nodes" -> nodes = Integer.parseInt(args[i + 1]);
        case "--signed" -> signed = Boolean.parseBoolean(args[i + 1]);
        case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
        case "--window" -> window = Integer.parseInt(args[i + 1]);
        case "--payload" -> payload = Integer.parseInt(args[i + 1]);
        case "--warm-up" -> warmUpSeconds = Integer.parseInt(args[i + 1]);
        case "--per-node" -> perNode = Boolean.parseBoolean(args[i + 1]);
        default ->
            throw new IllegalArgumentException(
                "unknown option "
                    + args[i]
                    + "; options: --consensus T --nodes N --signed B --seconds S --window W"
                    + " --payload B --warm-up S --per-node B");
      }
    }
    keepNodeIds = perNode;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (InProcessCluster cluster = InProcessCluster.start(consensus, nodes, CLIENTS, 42, signed);
        ConsensioTarget target = new ConsensioTarget(cluster.entryNode(60_000))) {
      TransactionFactory transactions =
          new TransactionFactory(cluster.clientKeys(), payload, signed, 7);
      ClosedLoopDriver driver = new ClosedLoopDriver(window);
      int operations =
          SteadyStateRun.warmUpAndLoad(target, transactions, driver, warmUpSeconds, seconds);
      Map<Long, Long> before = threadCpu(threads);
      Map<Long, String> names = threadNames(threads);
      long processBefore = os.getProcessCpuTime();
      Map<String, Long> nativeBefore = NativeThreads.cpuByName();
      double verifiedBefore = verifiedSignatures(cluster);
      ClusterNode entry = cluster.nodes().get(0);
      long finalBefore = entry.finalizedHeight();
      String proposedCounter = consensus + ".proposed";
      String skippedCounter = consensus + ".slot.skipped";
      double proposedBefore = counterSum(cluster, proposedCounter);
      double skippedBefore = counterSum(cluster, skippedCounter);
      LoadResult measured = driver.run(target, operations, SteadyStateRun.TIMEOUT_SECONDS);
      long finalAfter = entry.finalizedHeight();
      long headAfter = ClusterNode.await(entry.onLoop(c -> c.chain().head().height()));
      double verifiedDuring = verifiedSignatures(cluster) - verifiedBefore;
      long processAfter = os.getProcessCpuTime();
      Map<Long, Long> after = threadCpu(threads);
      names.putAll(threadNames(threads));
      Map<String, Long> byRole = new TreeMap<>();
      long javaThreads = 0;
      for (Map.Entry<Long, Long> e : after.entrySet()) {
        long used = e.getValue() - before.getOrDefault(e.getKey(), 0L);
        javaThreads += used;
        byRole.merge(role(names.getOrDefault(e.getKey(), "?")), used, Long::sum);
      }
      byRole.put(
          "(not a Java thread: GC, JIT, native)", processAfter - processBefore - javaThreads);
      double committed = measured.committed();
      System.out.printf(
          Locale.ROOT,
          "%s, %d nodes, %s: %s%n",
          consensus,
          nodes,
          signed ? "signed" : "opaque",
          measured);
      System.out.printf(
          Locale.ROOT,
          "process CPU %.1f s over %.1f s wall = %.0f us per committed tx%n",
          (processAfter - processBefore) / 1e9,
          measured.seconds(),
          (processAfter - processBefore) / 1e3 / committed);
      System.out.printf(
          Locale.ROOT,
          "transaction signatures verified (curve arithmetic, all nodes): %.2f per committed tx%n",
          verifiedDuring / measured.committed());
      long finalBlocks = finalAfter - finalBefore;
      System.out.printf(
          Locale.ROOT,
          "chain at %s: %d blocks became final (%.0f committed tx per block), head %d blocks"
              + " ahead of the final block at the end%n",
          entry.id(),
          finalBlocks,
          finalBlocks == 0 ? 0.0 : committed / finalBlocks,
          headAfter - finalAfter);
      double proposed = counterSum(cluster, proposedCounter) - proposedBefore;
      if (proposed > 0) {
        System.out.printf(
            Locale.ROOT,
            "blocks proposed during the run, all nodes (%s): %.0f, of which %d became final;"
                + " slots whose tick came too late to draw (%s): %.0f%n",
            proposedCounter,
            proposed,
            finalBlocks,
            skippedCounter,
            counterSum(cluster, skippedCounter) - skippedBefore);
      }
      System.out.println("| thread role | CPU us per committed tx | share |");
      System.out.println("|---|---:|---:|");
      List<Map.Entry<String, Long>> rows =
          byRole.entrySet().stream()
              .sorted(Map.Entry.comparingByValue((a, b) -> b.compareTo(a)))
              .toList();
      for (Map.Entry<String, Long> row : rows) {
        System.out.printf(
            Locale.ROOT,
            "| %s | %.1f | %.0f%% |%n",
            row.getKey(),
            row.getValue() / 1e3 / committed,
            100.0 * row.getValue() / (processAfter - processBefore));
      }
      Map<String, Long> nativeAfter = NativeThreads.cpuByName();
      System.out.println();
      System.out.println("| OS thread (all threads, by kernel name) | CPU us per committed tx |");
      System.out.println("|---|---:|");
      nativeAfter.entrySet().stream()
          .map(e -> Map.entry(e.getKey(), e.getValue() - nativeBefore.getOrDefault(e.getKey(), 0L)))
          .filter(e -> e.getValue() > 0)
          .sorted(Map.Entry.comparingByValue((a, b) -> b.compareTo(a)))
          .forEach(
              e ->
                  System.out.printf(
                      Locale.ROOT, "| %s | %.1f |%n", e.getKey(), e.getValue() / 1e3 / committed));
    }
  }

  /** CPU time of every thread of this process, from /proc, summed by kernel thread name. */
  static final class NativeThreads {
    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on Linux

    static Map<String, Long> cpuByName() throws java.io.IOException {
      Map<String, Long> byName = new TreeMap<>();
      java.nio.file.Path tasks = java.nio.file.Path.of("/proc/self/task");
      if (!java.nio.file.Files.isDirectory(tasks)) {
        return byName;
      }
      try (var dirs = java.nio.file.Files.list(tasks)) {
        for (java.nio.file.Path task : (Iterable<java.nio.file.Path>) dirs::iterator) {
          String stat;
          try {
            stat = java.nio.file.Files.readString(task.resolve("stat"));
          } catch (java.io.IOException gone) {
            continue; // the thread ended between listing and reading
          }
          int open = stat.indexOf('(');
          int close = stat.lastIndexOf(')');
          String name = role(stat.substring(open + 1, close));
          String[] fields = stat.substring(close + 2).split(" ");
          long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
          byName.merge(name, ticks * NANOS_PER_TICK, Long::sum);
        }
      }
      return byName;
    }
  }

  private static double counterSum(InProcessCluster cluster, String name) {
    return cluster.nodes().stream().mapToDouble(n -> n.counter(name)).sum();
  }

  private static double verifiedSignatures(InProcessCluster cluster) {
    return cluster.nodes().stream().mapToDouble(n -> n.gauge("verifier.verified")).sum();
  }

  private static Map<Long, Long> threadCpu(ThreadMXBean threads) {
    Map<Long, Long> cpu = new HashMap<>();
    for (long id : threads.getAllThreadIds()) {
      long nanos = threads.getThreadCpuTime(id);
      if (nanos >= 0) {
        cpu.put(id, nanos);
      }
    }
    return cpu;
  }

  private static Map<Long, String> threadNames(ThreadMXBean threads) {
    Map<Long, String> names = new HashMap<>();
    for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null) {
        names.put(info.getThreadId(), info.getThreadName());
      }
    }
    return names;
  }

  /** A thread's name without the node id and index numbers, so one role sums over all nodes. */
  static String role(String threadName) {
    if (keepNodeIds) {
      return threadName;
    }
    return threadName.replaceAll("node-\\d+", "node").replaceAll("\\d+", "#");
  }
}
