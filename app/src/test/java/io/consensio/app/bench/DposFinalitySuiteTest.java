package io.consensio.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DPoS finality study's figures come from the run and have the shape the protocol implies: a
 * block is irreversible only once 14 more delegates built on it (15 of 21 in all), each in its own
 * later slot, so no transaction is irreversible within 14 slots; by the end of the round after its
 * block's, every delegate has built on it; and the latency grows with the slot length.
 */
class DposFinalitySuiteTest {
  /** One round of load (21 slots, about 105 transactions) per slot length keeps the test short. */
  private static long oneRound(long slotMillis) {
    return DposFinalitySuite.DELEGATES * slotMillis;
  }

  @Test
  void latencyToIrreversibilityIsAtLeastFourteenSlotsAndGrowsWithTheSlotLength(@TempDir Path dir)
      throws Exception {
    FinalityResult fast = DposFinalitySuite.run(500, oneRound(500));
    FinalityResult slow = DposFinalitySuite.run(2_000, oneRound(2_000));

    for (FinalityResult r : new FinalityResult[] {fast, slow}) {
      String slot = "slot " + r.slotMillis() + " ms";
      assertThat(r.safe()).as(slot + " safe").isTrue();
      assertThat(r.delegates()).isEqualTo(21);
      assertThat(r.submitted()).as(slot + " submitted").isPositive();
      // the load stayed open and every transaction became irreversible: the sample is complete
      assertThat(r.throttled()).as(slot + " throttled").isZero();
      assertThat(r.pending()).as(slot + " pending").isZero();
      assertThat(r.finalized()).as(slot + " irreversible").isEqualTo(r.submitted());
      assertThat(r.p50Ms()).as(slot + " p50").isPositive();
      assertThat(r.p90Ms()).isGreaterThanOrEqualTo(r.p50Ms());
      assertThat(r.p99Ms()).isGreaterThanOrEqualTo(r.p90Ms());
      assertThat(r.maxMs()).isGreaterThanOrEqualTo(r.p99Ms());
      // 14 later blocks in 14 later slots: more than 14 slots for every transaction
      assertThat(r.p50Slots()).as(slot + " p50 in slots").isGreaterThan(14);
      // at most two slots to its block (no slot is missed here), then at most 20 + 21 slots
      // until the end of the next round, by which every delegate has built on it
      assertThat(r.maxMs())
          .as(slot + " max")
          .isLessThan((2 * r.delegates() + 3) * (double) r.slotMillis());
      // the irreversible chain covers every slot of the load phase (one block per slot)
      assertThat(r.finalizedHeight())
          .as(slot + " irreversible height")
          .isGreaterThanOrEqualTo(r.delegates());
    }
    assertThat(slow.p50Ms()).isGreaterThan(fast.p50Ms());
    assertThat(slow.p99Ms()).isGreaterThan(fast.p99Ms());

    // the report carries these figures: results.json rows, the HTML table and the chart
    ObjectNode report = JsonNodeFactory.instance.objectNode();
    BenchReport.putDposFinality(report, "consensio bench --simulated", List.of(slow, fast));
    BenchReport.write(dir, report);
    List<String> charts = BenchCharts.draw(report, dir);
    HtmlReport.write(report, charts, dir);

    JsonNode rows = new ObjectMapper().readTree(dir.resolve(BenchReport.FILE).toFile());
    rows = rows.path("dposFinality").path("results");
    assertThat(rows.size()).isEqualTo(2);
    assertThat(rows.get(0).path("slotMillis").asLong()).isEqualTo(500); // sorted by slot
    assertThat(rows.get(0).path("engineDefault").asBoolean()).isTrue();
    assertThat(rows.get(0).path("p50Ms").asDouble()).isEqualTo(fast.p50Ms());
    assertThat(rows.get(1).path("p99Slots").asDouble()).isEqualTo(slow.p99Slots());
    assertThat(charts).contains(BenchCharts.DPOS_FINALITY);
    byte[] png = Files.readAllBytes(dir.resolve(BenchCharts.DPOS_FINALITY));
    assertThat(Arrays.copyOf(png, 4)).containsExactly(0x89, 'P', 'N', 'G');
    assertThat(Files.readString(dir.resolve(HtmlReport.FILE)))
        .contains("submission to irreversibility")
        .contains("<td>500 (default)</td>")
        .contains(String.format("<td>%.0f</td>", slow.p99Ms()));
  }
}
