package io.consensio.pbft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import io.consensio.pbft.harness.Cluster;
import io.consensio.pbft.messages.Authenticated;
import io.consensio.pbft.messages.BlockRequest;
import io.consensio.pbft.messages.BlockResponse;
import io.consensio.pbft.messages.Checkpoint;
import io.consensio.pbft.messages.Commit;
import io.consensio.pbft.messages.MacPrePrepare;
import io.consensio.pbft.messages.MessageCodec;
import io.consensio.pbft.messages.NewKey;
import io.consensio.pbft.messages.NewView;
import io.consensio.pbft.messages.PrePrepare;
import io.consensio.pbft.messages.Prepare;
import io.consensio.pbft.messages.PreparedProof;
import io.consensio.pbft.messages.Signed;
import io.consensio.pbft.messages.StateRequest;
import io.consensio.pbft.messages.Status;
import io.consensio.pbft.messages.ViewChange;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
  private final NodeId id = NodeId.of("node-1");

  @Test
  void signedMessagesRoundTripAndVerify() {
    Hash d = Hash.sha256("d".getBytes());
    Signed<Checkpoint> cp = Signed.sign(new Checkpoint(50, d, d), id, Cluster.keyOf(1));
    Signed<ViewChange> vc =
        Signed.sign(new ViewChange(3, 50, List.of(cp), List.of()), id, Cluster.keyOf(1));
    for (Signed<?> s :
        List.of(
            Signed.sign(new Prepare(1, 2, d), id, Cluster.keyOf(1)),
            Signed.sign(new Commit(1, 2, d), id, Cluster.keyOf(1)),
            cp,
            vc,
            Signed.sign(new NewView(3, List.of(vc), List.of()), id, Cluster.keyOf(1)),
            Signed.sign(new StateRequest(1, 9), id, Cluster.keyOf(1)),
            Signed.sign(new Status(3, 57, 50, List.of(cp)), id, Cluster.keyOf(1)))) {
      Authenticated<?> decoded = MessageCodec.decode(s.encode());
      assertThat(decoded).isEqualTo(s);
      assertThat(decoded.encode()).isEqualTo(s.encode());
    }
  }

  @Test
  void macAuthenticatedPrePreparesAndNewKeysRoundTripByteForByte() {
    Cluster cluster = new Cluster(4, Cluster.config(4, 50, 4));
    Cluster.Node primary = cluster.node(0);
    Block block =
        primary.chain.buildBlock(
            primary.chain.genesis().id(), List.of(), 1_000, primary.key.publicKey());
    MacPrePrepare mac =
        new MacPrePrepare(
            new PrePrepare(2, 7, block.id(), block),
            primary.id,
            List.of(new byte[0], new byte[16], new byte[16], new byte[16]));
    Signed<NewKey> key = Signed.sign(new NewKey(new byte[32], true), id, Cluster.keyOf(1));

    Authenticated<?> decodedMac = MessageCodec.decode(mac.encode());
    assertThat(decodedMac).isInstanceOf(MacPrePrepare.class);
    assertThat(decodedMac.message()).isEqualTo(mac.message());
    assertThat(decodedMac.encode()).isEqualTo(mac.encode());
    assertThat(MessageCodec.decode(key.encode())).isEqualTo(key);

    byte[] trailing = Arrays.copyOf(mac.encode(), mac.encode().length + 1);
    assertThatThrownBy(() -> MessageCodec.decode(trailing)).isInstanceOf(DecodingException.class);
    MacPrePrepare longTag = new MacPrePrepare(mac.message(), primary.id, List.of(new byte[17]));
    assertThatThrownBy(() -> MessageCodec.decode(longTag.encode()))
        .isInstanceOf(DecodingException.class);
  }

  @Test
  void headerOnlyViewChangeMessagesAndBlockFetchesRoundTripAndVerify() {
    Cluster cluster = new Cluster(4, Cluster.config(4, 50, 4));
    Cluster.Node primary = cluster.node(0);
    Block block =
        primary.chain.buildBlock(
            primary.chain.genesis().id(),
            List.of(cluster.nextTx()),
            1_000,
            primary.key.publicKey());
    Signed<Prepare> prepare = Signed.sign(new Prepare(0, 1, block.id()), id, Cluster.keyOf(1));
    PreparedProof proof = new PreparedProof(0, 1, block.header(), List.of(prepare, prepare));
    Signed<ViewChange> vc =
        Signed.sign(new ViewChange(1, 0, List.of(), List.of(proof)), id, Cluster.keyOf(1));
    for (Signed<?> s :
        List.of(
            vc,
            Signed.sign(new NewView(1, List.of(vc), List.of(block.header())), id, Cluster.keyOf(1)),
            Signed.sign(new BlockRequest(1, block.id()), id, Cluster.keyOf(1)),
            Signed.sign(new BlockResponse(1, block), id, Cluster.keyOf(1)))) {
      Authenticated<?> decoded = MessageCodec.decode(s.encode());
      assertThat(decoded).isEqualTo(s);
      assertThat(decoded.encode()).isEqualTo(s.encode());
      assertThat(((Signed<?>) decoded).verify(cluster.membership, Ed25519Verifier.INSTANCE))
          .isTrue();
    }
  }

  @Test
  void decodingIsStrict() {
    byte[] ok = Signed.sign(new Prepare(1, 2, Hash.ZERO), id, Cluster.keyOf(1)).encode();
    assertThatThrownBy(() -> MessageCodec.decode(Arrays.copyOf(ok, ok.length + 1)))
        .isInstanceOf(DecodingException.class);
    byte[] unknownTag = ok.clone();
    unknownTag[0] = 99;
    assertThatThrownBy(() -> MessageCodec.decode(unknownTag)).isInstanceOf(DecodingException.class);
    byte[] negativeView = ok.clone();
    negativeView[1] = (byte) 0x80;
    assertThatThrownBy(() -> MessageCodec.decode(negativeView))
        .isInstanceOf(DecodingException.class);
  }

  @Test
  void nestedMessageOfTheWrongTypeIsRejected() {
    // A VIEW-CHANGE whose checkpoint proof holds a PREPARE instead of a CHECKPOINT.
    Signed<Prepare> p = Signed.sign(new Prepare(1, 2, Hash.ZERO), id, Cluster.keyOf(1));
    Signed<Checkpoint> cp =
        Signed.sign(new Checkpoint(50, Hash.ZERO, Hash.ZERO), id, Cluster.keyOf(1));
    byte[] good =
        Signed.sign(new ViewChange(3, 50, List.of(cp), List.of()), id, Cluster.keyOf(1)).encode();
    byte[] cpBytes = cp.encode();
    byte[] pBytes = p.encode();
    int at = indexOf(good, cpBytes);
    byte[] bad = new byte[good.length - cpBytes.length + pBytes.length];
    System.arraycopy(good, 0, bad, 0, at);
    System.arraycopy(pBytes, 0, bad, at, pBytes.length);
    System.arraycopy(
        good, at + cpBytes.length, bad, at + pBytes.length, good.length - at - cpBytes.length);
    assertThatThrownBy(() -> MessageCodec.decode(bad)).isInstanceOf(DecodingException.class);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }
}
