package io.consensio.pbft.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.types.NodeId;
import io.consensio.pbft.harness.Cluster;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Per-pair MAC keys from announced X25519 keys, and the tags they make (TOCS'02 §5.1). */
class PairwiseMacsTest {
  private static final NodeId A = NodeId.of("node-0");
  private static final NodeId B = NodeId.of("node-1");
  private static final NodeId C = NodeId.of("node-2");
  private static final byte[] PREPARE = "prepare v=0 n=1 d=...".getBytes(StandardCharsets.US_ASCII);

  private static PairwiseMacs of(int i) {
    return new PairwiseMacs(NodeId.of("node-" + i), Cluster.keyOf(i));
  }

  @Test
  void twoReplicasThatExchangedKeysAuthenticateEachOthersMessages() {
    PairwiseMacs a = of(0);
    PairwiseMacs b = of(1);
    assertThat(a.learn(B, b.publicKey())).isTrue();
    assertThat(b.learn(A, a.publicKey())).isTrue();

    byte[] tag = a.tag(B, PREPARE).orElseThrow();
    assertThat(tag).hasSize(PairwiseMacs.TAG_BYTES);
    assertThat(b.check(A, PREPARE, tag)).isTrue();
    // The key is directional: the same tag does not pass as B's message to A.
    assertThat(a.check(B, PREPARE, tag)).isFalse();
  }

  @Test
  void aTagIsForOneReceiverOneSenderAndOneMessage() {
    PairwiseMacs a = of(0);
    PairwiseMacs b = of(1);
    PairwiseMacs c = of(2);
    a.learn(B, b.publicKey());
    a.learn(C, c.publicKey());
    b.learn(A, a.publicKey());
    b.learn(C, c.publicKey());
    c.learn(A, a.publicKey());
    c.learn(B, b.publicKey());

    byte[] toB = a.tag(B, PREPARE).orElseThrow();
    assertThat(c.check(A, PREPARE, toB)).as("C cannot use B's entry").isFalse();
    assertThat(b.check(C, PREPARE, toB)).as("nor claim it came from C").isFalse();
    byte[] altered = PREPARE.clone();
    altered[0] ^= 1;
    assertThat(b.check(A, altered, toB)).as("nor change the message").isFalse();
    // C, holding its own pair keys with A and B, still cannot make A's tag to B.
    assertThat(c.tag(B, PREPARE).orElseThrow()).isNotEqualTo(toB);
  }

  @Test
  void keysAreDerivedDeterministicallySoARestartedReplicaKeepsThem() {
    assertThat(of(3).publicKey()).isEqualTo(of(3).publicKey());
    assertThat(of(3).publicKey()).isNotEqualTo(of(2).publicKey());
    PairwiseMacs before = of(0);
    PairwiseMacs b = of(1);
    before.learn(B, b.publicKey());
    PairwiseMacs after = of(0);
    after.learn(B, b.publicKey());
    assertThat(after.tag(B, PREPARE)).contains(before.tag(B, PREPARE).orElseThrow());
  }

  @Test
  void unknownPeersAndBadKeysAuthenticateNothing() {
    PairwiseMacs a = of(0);
    assertThat(a.tag(B, PREPARE)).isEmpty();
    assertThat(a.check(B, PREPARE, new byte[PairwiseMacs.TAG_BYTES])).isFalse();
    assertThat(a.learn(B, new byte[32])).as("the all-zero point gives no shared secret").isFalse();
    assertThat(a.learn(B, new byte[31])).isFalse();
    assertThat(a.learn(A, of(1).publicKey())).as("no key with itself").isFalse();
    assertThat(a.knows(B)).isFalse();
  }
}
