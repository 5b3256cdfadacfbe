package io.consensio.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.app.reliability.ChaosReport;
import io.consensio.app.reliability.ChaosRun;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CI slice of process-level chaos: five real node processes, every peer link through a
 * fault-injecting proxy, three key/value clients, and for 25 s a fault every 4 s (kill -9 and
 * restart, SIGSTOP/SIGCONT, or cut off at the proxies). No acknowledged write may be lost, no two
 * nodes may finalize different blocks, and the history must be linearizable. The long run is {@code
 * ChaosRun} (see app/RELIABILITY.md).
 */
class ProcessChaosTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"raft", "pbft"})
  void noAcknowledgedWriteIsLostAndTheHistoryIsLinearizable(String consensus, @TempDir Path dir)
      throws InterruptedException {
    ChaosReport report =
        ChaosRun.run(
            new ChaosRun.Settings(
                consensus, 5, 3, Duration.ofSeconds(25), Duration.ofSeconds(4), 7),
            dir,
            System.out);

    assertThat(report.faults()).as("faults injected").containsKeys("kill-9", "pause", "cut-off");
    assertThat(report.acknowledgedWrites()).as(report.summary()).isPositive();
    assertThat(report.acknowledgedThenLost()).as(report.summary()).isZero();
    assertThat(report.divergentFinalBlocks()).as(report.summary()).isZero();
    assertThat(report.verdict().linearizable()).as(report.summary()).isTrue();
  }
}
