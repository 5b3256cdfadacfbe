package io.consensio.pbft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consensio.api.ConsensusConfigException;
import io.consensio.api.ConsensusProvider;
import io.consensio.api.Member;
import io.consensio.api.Membership;
import io.consensio.api.types.NodeId;
import io.consensio.pbft.harness.Cluster;
import java.util.ServiceLoader;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PbftProviderTest {
  private static Membership members(int n) {
    return new Membership(
        IntStream.range(0, n)
            .mapToObj(i -> new Member(NodeId.of("node-" + i), Cluster.keyOf(i).publicKey()))
            .toList());
  }

  private static ObjectNode section() {
    return new ObjectMapper().createObjectNode();
  }

  @Test
  void providerIsFoundByServiceLoaderUnderItsName() {
    assertThat(ServiceLoader.load(ConsensusProvider.class).stream().map(p -> p.get().name()))
        .contains("pbft");
  }

  @Test
  void defaultsDeriveFFromTheMembership() {
    PbftConfig c = PbftConfig.parse(section(), members(7));
    assertThat(c.f()).isEqualTo(2);
    assertThat(c.checkpointInterval()).isEqualTo(20);
    assertThat(c.watermarkWindow()).isEqualTo(40);
    assertThat(PbftConfig.parse(section(), members(4)).f()).isEqualTo(1);
  }

  @Test
  void fTooLargeForTheMembershipIsRejectedNamingTheKey() {
    assertThatThrownBy(() -> new PbftProvider().validateConfig(section().put("f", 2), members(6)))
        .isInstanceOf(ConsensusConfigException.class)
        .extracting(e -> ((ConsensusConfigException) e).key())
        .isEqualTo("consensus.pbft.f");
  }

  @Test
  void badValuesAndUnknownKeysAreRejectedNamingTheKey() {
    assertThatThrownBy(
            () ->
                PbftConfig.parse(
                    section().put("watermarkWindow", 10).put("checkpointInterval", 20), members(4)))
        .isInstanceOf(ConsensusConfigException.class)
        .hasMessageStartingWith("consensus.pbft.watermarkWindow");
    assertThatThrownBy(
            () -> PbftConfig.parse(section().put("requestTimeoutMillis", "soon"), members(4)))
        .hasMessageStartingWith("consensus.pbft.requestTimeoutMillis");
    assertThatThrownBy(() -> PbftConfig.parse(section().put("batchSize", 3), members(4)))
        .hasMessageStartingWith("consensus.pbft.batchSize");
  }

  @Test
  void defaultsFitTheWorstCaseNewViewIntoOneFrame() {
    for (int n : new int[] {4, 7, 10, 31}) {
      PbftConfig c = PbftConfig.parse(section(), members(n));
      assertThat(c).isEqualTo(PbftConfig.defaults(n));
      assertThat(NewViewSizeBound.worstCaseBytes(c.f(), c.watermarkWindow()))
          .isLessThanOrEqualTo(NewViewSizeBound.FRAME_LIMIT_BYTES);
      // VIEW-CHANGE and NEW-VIEW carry headers, so the block size no longer depends on n or L.
      assertThat(c.maxBatchBytes()).isEqualTo(PbftConfig.DEFAULT_MAX_BATCH_BYTES);
    }
  }

  @Test
  void blockSizeNoLongerLimitsTheWindowButFAndTheWindowTogetherMustFitTheFrame() {
    // The benchmark that logged a 16,984,972-byte CONSENSUS frame (L = 100, 1 MiB blocks, n = 4)
    // is now valid: its NEW-VIEW holds headers and prepares only.
    ObjectNode benchmark =
        section()
            .put("checkpointInterval", 50)
            .put("watermarkWindow", 100)
            .put("maxBatchBytes", 8 * 1024 * 1024);
    new PbftProvider().validateConfig(benchmark, members(4));
    assertThatThrownBy(
            () ->
                PbftConfig.parse(
                    section().put("maxBatchBytes", PbftConfig.MAX_BATCH_BYTES + 1), members(4)))
        .hasMessageStartingWith("consensus.pbft.maxBatchBytes");
    // n = 100 (f = 33) with L = 1000: (2f+1) VIEW-CHANGEs × 1000 certificates × 66 prepares.
    ObjectNode wide = section().put("checkpointInterval", 500).put("watermarkWindow", 1000);
    assertThatThrownBy(() -> new PbftProvider().validateConfig(wide, members(100)))
        .isInstanceOf(ConsensusConfigException.class)
        .hasMessageStartingWith("consensus.pbft.watermarkWindow")
        .hasMessageContaining("consensus.pbft.checkpointInterval")
        .hasMessageContaining("frame limit");
    int fitting = NewViewSizeBound.largestFittingWindow(33);
    assertThat(fitting).isPositive().isLessThan(1000);
    PbftConfig.parse(
        section().put("checkpointInterval", fitting).put("watermarkWindow", fitting), members(100));
  }
}
