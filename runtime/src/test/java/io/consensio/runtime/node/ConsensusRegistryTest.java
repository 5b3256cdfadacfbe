package io.consensio.runtime.node;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConsensusRegistryTest {
  @Test
  void anUnknownTypeIsAnErrorThatListsTheTypesOnTheClassPath() {
    // runtime depends on no consensus module, so its own class path has none
    ConsensusRegistry registry = ConsensusRegistry.loadDefault();
    assertThatThrownBy(() -> registry.find("paxos"))
        .isInstanceOf(UnknownConsensusException.class)
        .hasMessage("unknown consensus type 'paxos'; consensus modules on the class path: none");
  }
}
