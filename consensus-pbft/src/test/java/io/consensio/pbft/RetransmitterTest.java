package io.consensio.pbft;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.types.Block;
import io.consensio.pbft.harness.Cluster;
import io.consensio.pbft.harness.Cluster.Envelope;
import io.consensio.pbft.harness.Cluster.Node;
import io.consensio.pbft.messages.MessageCodec;
import io.consensio.pbft.messages.PbftMessage;
import io.consensio.pbft.messages.PrePrepare;
import io.consensio.pbft.messages.Prepare;
import io.consensio.pbft.messages.Signed;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Normal-case retransmission (TOCS'02 §5.2): what is re-sent, and how much per tick. */
class RetransmitterTest {
  private Cluster cluster;
  private Node primary;
  private Node backup;
  private Quorum quorum;
  private final ReplicaState state = new ReplicaState();
  private final MessageLog log = new MessageLog();

  @BeforeEach
  void tenPrePreparedSlotsWithTheBackupsOwnPrepare() {
    cluster = new Cluster(4, Cluster.config(4, 50, 4));
    primary = cluster.node(0);
    backup = cluster.node(1);
    quorum = new Quorum(cluster.membership, 1);
    Block genesis = primary.chain.genesis();
    for (long seq = 1; seq <= 10; seq++) {
      Block block =
          primary.chain.buildBlock(genesis.id(), List.of(), 1_000 + seq, primary.key.publicKey());
      Slot slot = log.slot(0, seq);
      slot.setPrePrepare(new PrePrepare(0, seq, block.id(), block), primary.id);
      slot.addPrepare(Signed.sign(new Prepare(0, seq, block.id()), backup.id, backup.key));
    }
    log.slot(0, 2).markCommitted();
    cluster.queue().clear();
  }

  private List<PbftMessage> sent() {
    return cluster.queue().stream()
        .map(Envelope::payload)
        .map(p -> (PbftMessage) MessageCodec.decode(p).message())
        .toList();
  }

  @Test
  void aBackupResendsItsOwnPreparesForTheLowestUnfinishedSlotsOnly() {
    Retransmitter retransmitter =
        new Retransmitter(backup.id, quorum, state, log, new Outbox(backup, Optional.empty()), 3);

    assertThat(retransmitter.retransmit()).isEqualTo(3);

    List<PbftMessage> sent = sent();
    assertThat(sent).hasSize(3 * 3); // three slots, multicast to the three other replicas
    assertThat(sent).allMatch(m -> m instanceof Prepare);
    assertThat(sent.stream().map(m -> ((Prepare) m).seq()).distinct().toList())
        .as("slot 2 is committed-local and needs nothing")
        .containsExactly(1L, 3L, 4L);
  }

  @Test
  void thePrimaryResendsPrePreparesThatAreNotPrepared() {
    Retransmitter retransmitter =
        new Retransmitter(primary.id, quorum, state, log, new Outbox(primary, Optional.empty()), 2);

    assertThat(retransmitter.retransmit()).isEqualTo(2);

    assertThat(sent()).hasSize(2 * 3).allMatch(m -> m instanceof PrePrepare);
  }

  @Test
  void nothingIsResentForExecutedSlotsOrDuringAViewChange() {
    Retransmitter retransmitter =
        new Retransmitter(backup.id, quorum, state, log, new Outbox(backup, Optional.empty()), 100);
    state.lastExecuted = 10;
    assertThat(retransmitter.retransmit()).isZero();

    state.lastExecuted = 0;
    state.active = false;
    assertThat(retransmitter.retransmit()).isZero();
    assertThat(cluster.queue()).isEmpty();
  }
}
