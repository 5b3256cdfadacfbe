package io.consensio.bench.cluster;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consensio.api.Member;
import io.consensio.api.Membership;
import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.types.NodeId;
import io.consensio.runtime.node.ConsensusRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class ThroughputSettingsTest {
  static final List<String> TYPES = ThroughputSettings.TYPES;

  @ParameterizedTest
  @FieldSource("TYPES")
  void everyEngineAcceptsItsThroughputSettings(String type) {
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      byte[] seed = new byte[32];
      seed[0] = (byte) (i + 1);
      members.add(new Member(NodeId.of("node-" + i), Ed25519KeyPair.fromSeed(seed).publicKey()));
    }
    assertThatCode(
            () ->
                ConsensusRegistry.loadDefault()
                    .find(type)
                    .validateConfig(
                        ThroughputSettings.engineSection(type), new Membership(members)))
        .doesNotThrowAnyException();
  }

  @Test
  void anUnknownTypeHasNoSettings() {
    assertThatThrownBy(() -> ThroughputSettings.engineSection("paxos"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("paxos");
  }
}
