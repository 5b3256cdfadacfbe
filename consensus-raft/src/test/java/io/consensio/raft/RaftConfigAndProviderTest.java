package io.consensio.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consensio.api.ConsensusConfigException;
import io.consensio.api.ConsensusProvider;
import io.consensio.api.Member;
import io.consensio.api.Membership;
import io.consensio.api.SealVerdict;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import io.consensio.raft.harness.FakeChainStore;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class RaftConfigAndProviderTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void anEmptySectionGivesTheDocumentedDefaults() throws Exception {
    RaftConfig c = RaftConfig.fromJson(json.readTree("{}"));
    assertThat(c.electionTimeoutMinMillis()).isEqualTo(150);
    assertThat(c.electionTimeoutMaxMillis()).isEqualTo(300);
    assertThat(c.heartbeatMillis()).isEqualTo(50);
    assertThat(c.preVote()).isTrue();
    assertThat(c.checkQuorum()).isTrue();
    assertThat(c.snapshotThresholdEntries()).isEqualTo(10_000);
    assertThat(c.snapshotThresholdBytes()).isEqualTo(1L << 30);
  }

  @Test
  void aByteThresholdBelowOneBlockOrNotAnIntegerIsRefusedWithTheReason() throws Exception {
    assertThatThrownBy(
            () ->
                RaftConfig.fromJson(
                    json.readTree("{\"maxBatchBytes\": 65536, \"snapshotThresholdBytes\": 4096}")))
        .isInstanceOfSatisfying(
            ConsensusConfigException.class,
            e -> {
              assertThat(e.key()).isEqualTo("consensus.raft.snapshotThresholdBytes");
              assertThat(e.getMessage()).contains("at least maxBatchBytes (65536)", "got 4096");
            });
    assertKey("{\"snapshotThresholdBytes\": \"1GiB\"}", "consensus.raft.snapshotThresholdBytes");
    assertThat(
            RaftConfig.fromJson(json.readTree("{\"snapshotThresholdBytes\": 67108864}"))
                .snapshotThresholdBytes())
        .isEqualTo(64L * 1024 * 1024);
  }

  @Test
  void badValuesAreRejectedNamingTheKey() {
    assertKey("{\"heartbeatMillis\": 500}", "consensus.raft.heartbeatMillis");
    assertKey("{\"electionTimeoutMaxMillis\": 100}", "consensus.raft.electionTimeoutMaxMillis");
    assertKey("{\"heartBeat\": 10}", "consensus.raft.heartBeat");
    assertKey("{\"preVote\": \"yes\"}", "consensus.raft.preVote");
    assertKey("{\"maxBatchTxs\": 0}", "consensus.raft.maxBatchTxs");
    assertKey("{\"snapshotChunkBytes\": 999999999}", "consensus.raft.snapshotChunkBytes");
    assertKey("{\"maxInflightBytes\": 10}", "consensus.raft.maxInflightBytes");
  }

  @Test
  void theProviderIsFoundByServiceLoaderAsRaft() throws Exception {
    ConsensusProvider raft =
        ServiceLoader.load(ConsensusProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p.name().equals("raft"))
            .findFirst()
            .orElseThrow();
    assertThat(raft).isInstanceOf(RaftProvider.class);
    assertThatThrownBy(() -> raft.validateConfig(json.readTree("{\"heartbeatMillis\": 0}"), null))
        .isInstanceOf(ConsensusConfigException.class);
  }

  @Test
  void checkSealAcceptsATermAndIndexAndRejectsAnythingElse() {
    RaftEngine engine = RaftCluster.of(1, 1).start().engine("n1");
    Block genesis = FakeChainStore.testGenesis();
    assertThat(engine.checkSeal(genesis.withSeal(RaftSeal.of(3, 7, genesis).encode()), null))
        .isEqualTo(SealVerdict.VALID);
    assertThat(engine.checkSeal(genesis.withSeal(new byte[0]), null).valid()).isFalse();
    assertThat(
            engine
                .checkSeal(genesis.withSeal(new RaftSeal(0, 7, Hash.ZERO).encode()), null)
                .valid())
        .isFalse();
    byte[] trailing =
        java.util.Arrays.copyOf(RaftSeal.of(3, 7, genesis).encode(), RaftSeal.ENCODED_BYTES + 1);
    assertThat(engine.checkSeal(genesis.withSeal(trailing), null).valid()).isFalse();
  }

  @Test
  void checkSealRejectsABlockWhoseSignaturesAreNotTheOnesItsSealDigests() {
    RaftEngine engine = RaftCluster.of(1, 1).start().engine("n1");
    Block genesis = FakeChainStore.testGenesis();
    // a seal whose digest is of other signatures (here: of none, as if one had been altered)
    Block altered = genesis.withSeal(new RaftSeal(3, 7, Hash.ZERO).encode());
    assertThat(engine.checkSeal(altered, null).reason()).contains("signatures");
  }

  private void assertKey(String section, String key) {
    assertThatThrownBy(() -> RaftConfig.fromJson(json.readTree(section)))
        .isInstanceOfSatisfying(
            ConsensusConfigException.class, e -> assertThat(e.key()).isEqualTo(key));
  }

  @Test
  void aJoiningNodeMustListTheRunningMembersAndNeverCampaignsOnItsOwn() throws Exception {
    RaftProvider provider = new RaftProvider();
    Member alone = new Member(NodeId.of("n1"), RaftNode.keyOf(NodeId.of("n1")).publicKey());
    assertThatThrownBy(
            () ->
                provider.validateConfig(
                    json.readTree("{\"join\": true}"), new Membership(List.of(alone))))
        .isInstanceOfSatisfying(
            ConsensusConfigException.class,
            e -> assertThat(e.key()).isEqualTo("consensus.raft.join"));

    // Thesis §4.2.1: until the leader's log says otherwise a joining node is no voter of its own
    // bootstrap configuration; a cluster of nothing but joining nodes therefore never elects.
    ObjectNode join = RaftCluster.config().put("join", true);
    RaftCluster c = RaftCluster.of(3, 61, join).start();
    c.advance(3_000);
    for (RaftNode n : c.nodes()) {
      assertThat(n.metrics.total("raft.election.started")).as("%s campaigned", n.id).isZero();
      assertThat(n.engine().log().configuration().isVoter(n.id)).isFalse();
    }
    assertThat(c.stableLeader()).isEmpty();
  }
}
