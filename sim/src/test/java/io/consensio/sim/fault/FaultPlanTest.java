package io.consensio.sim.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consensio.sim.net.LatencyModel;
import io.consensio.sim.net.NetworkModel;
import org.junit.jupiter.api.Test;

class FaultPlanTest {
  @Test
  void parsesEveryFault() {
    FaultPlan plan = FaultPlan.parse("loss=0.1, dup=0.01,reorder=0.05,partition,crash,pause,skew");

    assertThat(plan).isEqualTo(new FaultPlan(0.1, 0.01, 0.05, true, true, true, true));
    assertThat(plan.hasTimedFaults()).isTrue();
    assertThat(FaultPlan.parse(plan.toString())).isEqualTo(plan);
  }

  @Test
  void emptyOrNoneMeansNoFaults() {
    assertThat(FaultPlan.parse("")).isEqualTo(FaultPlan.NONE);
    assertThat(FaultPlan.parse(" none ")).isEqualTo(FaultPlan.NONE);
    assertThat(FaultPlan.NONE.hasTimedFaults()).isFalse();
    assertThat(FaultPlan.NONE.toString()).isEqualTo("none");
  }

  @Test
  void rejectsAProbabilityAboveOne() {
    assertThatThrownBy(() -> FaultPlan.parse("loss=2,crash"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'loss=2'")
        .hasMessageContaining("must be in [0, 1]");
  }

  @Test
  void rejectsAnUnknownFaultNamingIt() {
    assertThatThrownBy(() -> FaultPlan.parse("crash,flood"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown fault 'flood'")
        .hasMessageContaining("partition");
  }

  @Test
  void rejectsMalformedEntries() {
    assertThatThrownBy(() -> FaultPlan.parse("dup=lots"))
        .hasMessageContaining("'lots' is not a number");
    assertThatThrownBy(() -> FaultPlan.parse("loss")).hasMessageContaining("needs a probability");
    assertThatThrownBy(() -> FaultPlan.parse("loss=")).hasMessageContaining("needs a probability");
    assertThatThrownBy(() -> FaultPlan.parse("crash=3")).hasMessageContaining("takes no value");
    assertThatThrownBy(() -> FaultPlan.parse("crash,crash")).hasMessageContaining("given twice");
    assertThatThrownBy(() -> FaultPlan.parse("crash,,pause")).hasMessageContaining("entry 2");
    assertThatThrownBy(() -> FaultPlan.parse("reorder=-0.1")).hasMessageContaining("[0, 1]");
    assertThatThrownBy(() -> FaultPlan.parse("loss=NaN")).hasMessageContaining("[0, 1]");
  }

  @Test
  void appliesItsNetworkFaultsToAModel() {
    NetworkModel base = NetworkModel.reliable(LatencyModel.fixed(1_000));

    NetworkModel model = FaultPlan.parse("loss=0.2,dup=0.1,reorder=0.3").applyTo(base, 50_000);

    assertThat(model).isEqualTo(new NetworkModel(LatencyModel.fixed(1_000), 0.2, 0.1, 0.3, 50_000));
    assertThat(FaultPlan.NONE.applyTo(base, 50_000)).isEqualTo(base);
  }
}
