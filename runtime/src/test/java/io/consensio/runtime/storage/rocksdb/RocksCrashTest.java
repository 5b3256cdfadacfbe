package io.consensio.runtime.storage.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.services.DurableStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real writer process with SIGKILL in the middle of its load and checks what the
 * DurableStore contract promises: every batch reported as synced survives, and no batch survives in
 * part. Because the provider buffers the write-ahead log in the process until {@code sync()}, this
 * test fails if {@code sync()} does not actually write the log out.
 */
class RocksCrashTest {
  private static final int MAX_BATCHES = 100_000;
  private static final int REPORTS_BEFORE_KILL = 300;

  @TempDir Path tmp;

  @Test
  void everyBatchReportedSyncedSurvivesSigkillAndNoBatchSurvivesInPart() throws Exception {
    Path dataDir = tmp.resolve("data");
    Path childErr = tmp.resolve("child-stderr.txt");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                SyncingWriterMain.class.getName(),
                dataDir.toString(),
                Integer.toString(MAX_BATCHES))
            .redirectError(childErr.toFile())
            .start();

    int lastReported = -1;
    boolean killed = false;
    try (BufferedReader reports =
        new BufferedReader(
            new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
      String line;
      int reportsSeen = 0;
      while (!killed && (line = reports.readLine()) != null) {
        lastReported = Integer.parseInt(line.trim());
        reportsSeen++;
        if (reportsSeen == REPORTS_BEFORE_KILL) {
          // SIGKILL while the writer is busy; it closes our end of the pipe too, so reports
          // printed after this one are not read (they would only add more synced batches).
          child.destroyForcibly();
          killed = true;
        }
      }
    } finally {
      child.destroyForcibly();
      child.waitFor();
    }

    assertThat(killed)
        .as("the writer died before the kill; its stderr:%n%s", Files.readString(childErr))
        .isTrue();
    assertThat(lastReported)
        .as("the writer was killed part-way, not after finishing")
        .isBetween(REPORTS_BEFORE_KILL - 1, MAX_BATCHES - 2);

    try (RocksStorageProvider reopened = RocksStorageProvider.open(dataDir)) {
      DurableStore store = reopened.open(SyncingWriterMain.NAMESPACE);
      int firstMissing = 0;
      while (batchState(store, firstMissing) == BatchState.COMPLETE) {
        firstMissing++;
      }
      assertThat(firstMissing)
          .as("batches 0..%d were reported synced", lastReported)
          .isGreaterThan(lastReported);
      // Batches after the first missing one may have been lost (never synced), but never in part
      // and never out of order.
      List<Integer> survivorsAfterGap = new ArrayList<>();
      for (int b = firstMissing; b < firstMissing + 50; b++) {
        if (batchState(store, b) != BatchState.ABSENT) {
          survivorsAfterGap.add(b);
        }
      }
      assertThat(survivorsAfterGap).isEmpty();
    }
  }

  private enum BatchState {
    COMPLETE,
    ABSENT,
    PARTIAL_OR_WRONG
  }

  private static BatchState batchState(DurableStore store, int batch) {
    int present = 0;
    for (int k = 0; k < SyncingWriterMain.KEYS_PER_BATCH; k++) {
      Optional<byte[]> value = store.get(SyncingWriterMain.key(batch, k));
      if (value.isPresent()) {
        if (!Arrays.equals(value.get(), SyncingWriterMain.value(batch, k))) {
          return BatchState.PARTIAL_OR_WRONG;
        }
        present++;
      }
    }
    if (present == 0) {
      return BatchState.ABSENT;
    }
    return present == SyncingWriterMain.KEYS_PER_BATCH
        ? BatchState.COMPLETE
        : BatchState.PARTIAL_OR_WRONG;
  }
}
