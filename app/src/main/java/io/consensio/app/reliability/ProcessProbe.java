package io.consensio.app.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Reads a child JVM's resource use from outside: open file handles from {@code /proc/<pid>/fd}
 * (Linux) and heap occupancy from {@code jstat -gc} of the JDK running this class. Thread-safe.
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

  /** Heap use in MiB: {total used, old generation used}, from {@code jstat -gc}. */
  static double[] heapMib(long pid) {
    Path jstat = Path.of(System.getProperty("java.home"), "bin", "jstat");
    try {
      Process process =
          new ProcessBuilder(jstat.toString(), "-gc", Long.toString(pid))
              .redirectErrorStream(true)
              .start();
      String[] lines =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
              .strip()
              .split("\n");
      process.waitFor();
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
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run jstat on process " + pid, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
