package io.consensio.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/** The soak's verdict: flat runs pass; a growing live heap, handle count or p99 fails. */
class SoakJudgeTest {
  private static final int SAMPLES = 120; // ten minutes of 5 s samples
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream log = new PrintStream(printed, true, StandardCharsets.UTF_8);

  private static List<SoakRun.Sample> samples(IntUnaryOperator fds, IntToDoubleFunction p99) {
    List<SoakRun.Sample> samples = new ArrayList<>();
    for (int i = 0; i < SAMPLES; i++) {
      // old-generation occupancy climbs all run long, as G1's does: it must not decide anything
      double old = 20 + i * 3.0;
      samples.add(
          new SoakRun.Sample(
              i * 5.0,
              new double[] {old + 40, old + 35},
              new double[] {old, old - 5},
              new int[] {fds.applyAsInt(i), 45},
              p99.applyAsDouble(i),
              75));
    }
    return samples;
  }

  private static List<SoakRun.LiveHeap> live(IntToDoubleFunction mib) {
    List<SoakRun.LiveHeap> live = new ArrayList<>();
    for (int i = 0; i < SAMPLES / 12; i++) {
      live.add(new SoakRun.LiveHeap(i * 60.0, new double[] {mib.applyAsDouble(i), 18}));
    }
    return live;
  }

  @Test
  void aFlatRunPassesAlthoughOldGenerationOccupancyClimbs() {
    boolean flat = SoakRun.judge(samples(i -> 45, i -> 300), live(i -> 20 + i % 3), log);

    assertThat(flat).as(printed.toString()).isTrue();
    assertThat(printed.toString()).contains("live heap").contains("MiB flat");
  }

  @Test
  void aLiveHeapGrowingByTenMibAMinuteFails() {
    boolean flat = SoakRun.judge(samples(i -> 45, i -> 300), live(i -> 20 + 10.0 * i), log);

    assertThat(flat).isFalse();
    assertThat(printed.toString()).contains("GROWING");
  }

  @Test
  void leakingFileHandlesFail() {
    assertThat(SoakRun.judge(samples(i -> 45 + i / 4, i -> 300), live(i -> 20), log)).isFalse();
  }

  @Test
  void aP99ThatTriplesFails() {
    assertThat(SoakRun.judge(samples(i -> 45, i -> 300 + 6.0 * i), live(i -> 20), log)).isFalse();
    assertThat(printed.toString()).contains("DRIFTING");
  }

  @Test
  void tooShortARunIsNotCalledFlat() {
    assertThat(SoakRun.judge(samples(i -> 45, i -> 300).subList(0, 8), live(i -> 20), log))
        .isFalse();
    assertThat(SoakRun.judge(samples(i -> 45, i -> 300), live(i -> 20).subList(0, 3), log))
        .isFalse();
  }
}
