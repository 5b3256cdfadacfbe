package io.consensio.app.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Reads a child JVM's resource use from outside: open file handles from {@code /proc/<pid>/fd}
 * (Linux), heap occupancy from {@code jstat -gc} and the live heap after a full collection asked
 * for with {@code jcmd GC.run}, all with the tools of the JDK running this class. Thread-safe.
 */
final class ProcessProbe {
  private ProcessProbe() {}

  /** Open file descriptors of {@code pid} (files, sockets, pipes). */
  static int openFileHandles(long pid) {
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return (int) fds.count();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the descriptors of process " + pid, e);
    }
  }

  /**
   * Heap still in use right after a full collection, in MiB: what the process really holds.
   * Old-generation occupancy alone says little, because G1 leaves garbage in the old generation
   * until the heap is almost half full; a leak shows as growth of this figure.
   */
  static double liveHeapMib(long pid) {
    run("jcmd", Long.toString(pid), "GC.run");
    return heapMib(pid)[0];
  }

  /** Heap use in MiB: {total used, old generation used}, from {@code jstat -gc}. */
  static double[] heapMib(long pid) {
    String[] lines = run("jstat", "-gc", Long.toString(pid)).split("\n");
    String[] names = lines[0].trim().split("\\s+");
    String[] values = lines[lines.length - 1].trim().split("\\s+");
    double used = 0;
    double old = 0;
    for (int i = 0; i < names.length && i < values.length; i++) {
      switch (names[i]) {
        case "S0U", "S1U", "EU" -> used += Double.parseDouble(values[i]);
        case "OU" -> {
          old = Double.parseDouble(values[i]);
          used += old;
        }
        default -> {}
      }
    }
    return new double[] {used / 1024, old / 1024};
  }

  /** Runs a tool of this JDK's {@code bin} and returns what it printed. */
  private static String run(String tool, String... args) {
    java.util.List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", tool).toString());
    command.addAll(java.util.List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
      process.waitFor();
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
