package io.consensio.pos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.consensio.api.ConsensusConfigException;
import org.junit.jupiter.api.Test;

class PosConfigTest {
  private static PosConfig parse(String json) throws Exception {
    return PosConfig.parse(new ObjectMapper().readTree(json));
  }

  @Test
  void anEmptySectionMeansDefaults() {
    assertThat(PosConfig.parse(JsonNodeFactory.instance.objectNode()))
        .isEqualTo(PosConfig.DEFAULTS);
    assertThat(PosConfig.parse(null)).isEqualTo(PosConfig.DEFAULTS);
  }

  @Test
  void givenValuesOverrideDefaults() throws Exception {
    PosConfig config =
        parse("{\"slotMillis\": 500, \"coinAge\": true, \"activeSlotCoefficient\": 0.2}");
    assertThat(config.slotMillis()).isEqualTo(500);
    assertThat(config.coinAge()).isTrue();
    assertThat(config.activeSlotCoefficient()).isEqualTo(0.2);
    assertThat(config.epochSlots()).isEqualTo(PosConfig.DEFAULTS.epochSlots());
  }

  @Test
  void anUnknownKeyIsNamed() {
    assertThatThrownBy(() -> parse("{\"slotMilis\": 500}"))
        .isInstanceOf(ConsensusConfigException.class)
        .extracting(e -> ((ConsensusConfigException) e).key())
        .isEqualTo("consensus.pos.slotMilis");
  }

  @Test
  void outOfRangeValuesNameTheirKey() {
    assertThatThrownBy(() -> parse("{\"activeSlotCoefficient\": 1.0}"))
        .hasMessageStartingWith("consensus.pos.activeSlotCoefficient");
    assertThatThrownBy(() -> parse("{\"epochSlots\": 1}"))
        .hasMessageStartingWith("consensus.pos.epochSlots");
    assertThatThrownBy(() -> parse("{\"slotMillis\": \"fast\"}"))
        .hasMessageStartingWith("consensus.pos.slotMillis");
    assertThatThrownBy(() -> parse("{\"coinAge\": 1}"))
        .hasMessageStartingWith("consensus.pos.coinAge");
    assertThatThrownBy(() -> parse("{\"voteDelaySlots\": 8}"))
        .hasMessageStartingWith("consensus.pos.voteDelaySlots");
    // a block must fit in one transport frame (16 MiB) with room for its message
    assertThatThrownBy(() -> parse("{\"maxBatchBytes\": " + (PosConfig.MAX_BATCH_BYTES + 1) + "}"))
        .hasMessageStartingWith("consensus.pos.maxBatchBytes");
  }

  @Test
  void theProviderIsFoundByNameAndValidatesItsSection() {
    PosProvider provider = new PosProvider();
    assertThat(provider.name()).isEqualTo("pos");
    assertThatThrownBy(
            () -> provider.validateConfig(new ObjectMapper().readTree("{\"x\": 1}"), null))
        .isInstanceOf(ConsensusConfigException.class);
  }
}
