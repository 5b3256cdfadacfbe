package io.consensio.pow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consensio.api.ConsensusConfigException;
import io.consensio.pow.difficulty.BitcoinRetarget;
import io.consensio.pow.difficulty.Lwma;
import org.junit.jupiter.api.Test;

class PowConfigTest {
  private static JsonNode json(String text) throws Exception {
    return new ObjectMapper().readTree(text);
  }

  private static String keyOfError(String section) {
    try {
      PowConfig.parse(json(section));
    } catch (ConsensusConfigException e) {
      return e.key();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("accepted " + section);
  }

  @Test
  void anEmptySectionGivesTheDefaults() throws Exception {
    assertThat(PowConfig.parse(json("{}"))).isEqualTo(PowConfig.DEFAULTS);
    assertThat(PowConfig.DEFAULTS.rule()).isInstanceOf(BitcoinRetarget.class);
  }

  @Test
  void bitsAreReadAsHexStringsOrNumbersAndTheRuleIsChosen() throws Exception {
    PowConfig config =
        PowConfig.parse(
            json(
                "{\"genesisBits\":\"0x1f00ffff\",\"powLimitBits\":545259519,"
                    + "\"difficultyRule\":\"lwma\",\"lwmaWindowBlocks\":30,\"confirmations\":8}"));
    assertThat(config.genesisBits()).isEqualTo(0x1f00ffff);
    assertThat(config.powLimitBits()).isEqualTo(0x207fffff);
    assertThat(config.confirmations()).isEqualTo(8);
    assertThat(config.rule()).isInstanceOf(Lwma.class);
  }

  @Test
  void badValuesNameTheirKey() {
    assertThat(keyOfError("{\"blockTime\":5}")).isEqualTo("consensus.pow.blockTime");
    assertThat(keyOfError("{\"difficultyRule\":\"dgw\"}"))
        .isEqualTo("consensus.pow.difficultyRule");
    assertThat(keyOfError("{\"confirmations\":0}")).isEqualTo("consensus.pow.confirmations");
    assertThat(keyOfError("{\"genesisBits\":\"0x2100ffff\"}"))
        .isEqualTo("consensus.pow.genesisBits");
    assertThat(keyOfError("{\"genesisBits\":\"zz\"}")).isEqualTo("consensus.pow.genesisBits");
    assertThat(keyOfError("{\"powLimitBits\":\"0x01803456\"}"))
        .isEqualTo("consensus.pow.powLimitBits");
    assertThat(keyOfError("{\"checkpointKey\":\"abcd\"}")).isEqualTo("consensus.pow.checkpointKey");
    assertThat(keyOfError("{\"mine\":\"yes\"}")).isEqualTo("consensus.pow.mine");
    assertThat(keyOfError("{\"workers\":1.5}")).isEqualTo("consensus.pow.workers");
  }

  @Test
  void aGenesisTargetEasierThanTheLimitIsRefused() {
    assertThatThrownBy(
            () ->
                PowConfig.parse(
                    json("{\"powLimitBits\":\"0x1d00ffff\",\"genesisBits\":\"0x1e00ffff\"}")))
        .isInstanceOf(ConsensusConfigException.class)
        .hasMessageContaining("no easier than powLimitBits");
  }

  @Test
  void theProviderIsFoundByName() {
    assertThat(
            java.util.ServiceLoader.load(io.consensio.api.ConsensusProvider.class).stream()
                .map(p -> p.get().name()))
        .contains("pow");
  }
}
