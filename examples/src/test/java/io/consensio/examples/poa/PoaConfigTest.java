package io.consensio.examples.poa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.consensio.api.ConsensusConfigException;
import org.junit.jupiter.api.Test;

class PoaConfigTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void appliesDefaultsForAMissingSection() {
    assertThat(PoaConfig.parse(json.createObjectNode())).isEqualTo(PoaConfig.DEFAULTS);
  }

  @Test
  void readsEverySetting() throws Exception {
    PoaConfig config =
        PoaConfig.parse(
            json.readTree(
                "{\"blockIntervalMillis\":10,\"emptyBlockMillis\":20,\"roundTimeoutMillis\":30,"
                    + "\"maxBatchTxs\":40,\"maxBatchBytes\":50,\"syncBatchBlocks\":60}"));
    assertThat(config).isEqualTo(new PoaConfig(10, 20, 30, 40, 50, 60));
  }

  @Test
  void namesTheUnknownKey() throws Exception {
    assertThatThrownBy(() -> PoaConfig.parse(json.readTree("{\"blockInterval\":10}")))
        .isInstanceOf(ConsensusConfigException.class)
        .hasMessageContaining("consensus.poa.blockInterval")
        .hasMessageContaining("unknown setting");
  }

  @Test
  void namesTheBadValue() throws Exception {
    assertThatThrownBy(() -> PoaConfig.parse(json.readTree("{\"maxBatchTxs\":-5}")))
        .isInstanceOf(ConsensusConfigException.class)
        .hasMessageContaining("consensus.poa.maxBatchTxs");
    assertThatThrownBy(() -> PoaConfig.parse(json.readTree("{\"maxBatchTxs\":\"many\"}")))
        .isInstanceOf(ConsensusConfigException.class);
    assertThatThrownBy(
            () ->
                PoaConfig.parse(
                    json.readTree("{\"blockIntervalMillis\":500,\"roundTimeoutMillis\":400}")))
        .isInstanceOf(ConsensusConfigException.class)
        .hasMessageContaining("roundTimeoutMillis");
  }
}
