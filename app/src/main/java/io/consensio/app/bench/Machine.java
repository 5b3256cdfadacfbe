package io.consensio.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine a report was made on: what a reader needs to weigh its figures.
 *
 * @param cpuModel from {@code /proc/cpuinfo} where there is one
 * @param loadAverage the one-minute load average when the report was written (a shared machine
 *     shows here)
 */
record Machine(
    int cpus, String cpuModel, String jdk, String os, long maxHeapMb, double loadAverage) {

  static Machine describe() {
    Runtime runtime = Runtime.getRuntime();
    return new Machine(
        runtime.availableProcessors(),
        readCpuModel(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        runtime.maxMemory() / (1024 * 1024),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static String readCpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | SecurityException noProcFs) {
      // not Linux: fall through
    }
    return System.getProperty("os.arch");
  }
}
