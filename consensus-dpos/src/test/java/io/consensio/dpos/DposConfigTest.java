package io.consensio.dpos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consensio.api.ConsensusConfigException;
import org.junit.jupiter.api.Test;

class DposConfigTest {
  private static ObjectNode section() {
    return JsonNodeFactory.instance.objectNode();
  }

  @Test
  void anEmptySectionMeansTheDefaults() {
    assertThat(DposConfig.parse(section())).isEqualTo(DposConfig.DEFAULTS);
    assertThat(DposConfig.DEFAULTS.maxDelegates()).isEqualTo(21);
  }

  @Test
  void readsEverySetting() {
    ObjectNode s = section();
    s.put("slotMillis", 3_000).put("maxDelegates", 5).put("maxBatchTxs", 10);
    s.put("maxBatchBytes", 4096).put("syncBatchBlocks", 8).put("maxOrphans", 16);
    assertThat(DposConfig.parse(s)).isEqualTo(new DposConfig(3_000, 5, 10, 4096, 8, 16));
  }

  @Test
  void aSlotOutsideHalfASecondToThreeSecondsNamesTheKey() {
    assertThatThrownBy(() -> DposConfig.parse(section().put("slotMillis", 499)))
        .isInstanceOf(ConsensusConfigException.class)
        .extracting(e -> ((ConsensusConfigException) e).key())
        .isEqualTo("consensus.dpos.slotMillis");
    assertThatThrownBy(() -> DposConfig.parse(section().put("slotMillis", 3_001)))
        .hasMessageContaining("consensus.dpos.slotMillis");
  }

  @Test
  void rejectsUnknownKeysNonNumbersAndZeroDelegates() {
    assertThatThrownBy(() -> DposConfig.parse(section().put("slotMilis", 500)))
        .hasMessageContaining("consensus.dpos.slotMilis")
        .hasMessageContaining("unknown setting");
    assertThatThrownBy(() -> DposConfig.parse(section().put("maxDelegates", "21")))
        .hasMessageContaining("consensus.dpos.maxDelegates");
    assertThatThrownBy(() -> DposConfig.parse(section().put("maxDelegates", 0)))
        .hasMessageContaining("consensus.dpos.maxDelegates");
    assertThatThrownBy(() -> DposConfig.parse(section().put("maxDelegates", 1.5)))
        .hasMessageContaining("consensus.dpos.maxDelegates");
  }

  @Test
  void theProviderIsFoundAsDposAndValidatesItsSection() {
    DposProvider provider = new DposProvider();
    assertThat(provider.name()).isEqualTo("dpos");
    assertThatThrownBy(() -> provider.validateConfig(section().put("maxOrphans", -1), null))
        .isInstanceOf(ConsensusConfigException.class);
    assertThat(io.consensio.runtime.node.ConsensusRegistry.loadDefault().find("dpos"))
        .isInstanceOf(DposProvider.class);
  }
}
