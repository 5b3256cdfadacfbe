package io.consensio.pbft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consensio.api.codec.DecodingException;
import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import io.consensio.pbft.harness.Cluster;
import io.consensio.pbft.messages.Authenticated;
import io.consensio.pbft.messages.Checkpoint;
import io.consensio.pbft.messages.Commit;
import io.consensio.pbft.messages.MessageCodec;
import io.consensio.pbft.messages.NewView;
import io.consensio.pbft.messages.Prepare;
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
