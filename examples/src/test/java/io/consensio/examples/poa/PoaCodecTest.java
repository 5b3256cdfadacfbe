package io.consensio.examples.poa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.types.Block;
import io.consensio.api.types.BlockHeader;
import io.consensio.api.types.Hash;
import io.consensio.api.types.MerkleTree;
import io.consensio.examples.poa.messages.PoaCodec;
import io.consensio.examples.poa.messages.PoaMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PoaCodecTest {
  private final Ed25519KeyPair key = Ed25519KeyPair.fromSeed(new byte[32]);
  private final Block block =
      new Block(
          new BlockHeader(
              3,
              Hash.sha256(new byte[] {1}),
              10,
              key.publicKey(),
              MerkleTree.EMPTY_ROOT,
              Hash.ZERO,
              new byte[] {9}),
          List.of());

  @Test
  void everyMessageRoundTrips() {
    List<PoaMessage> messages =
        List.of(
            new PoaMessage.Prepare(3, 2),
            new PoaMessage.Promise(3, 2, -1, Optional.empty()),
            new PoaMessage.Promise(3, 2, 1, Optional.of(block)),
            new PoaMessage.Accept(3, 1, block),
            new PoaMessage.Accepted(3, 1, block.id(), key.sign(new byte[] {1})),
            new PoaMessage.Decided(block),
            new PoaMessage.Certified(3, block.id(), new byte[] {2, 0, 0, 0, 1, 0, 0, 0, 0}),
            new PoaMessage.SyncRequest(7));
    for (PoaMessage message : messages) {
      PoaMessage decoded = PoaCodec.decode(PoaCodec.encode(message));
      assertThat(PoaCodec.encode(decoded)).isEqualTo(PoaCodec.encode(message));
    }
  }

  @Test
  void rejectsUnknownTagsTruncationAndTrailingBytes() {
    byte[] good = PoaCodec.encode(new PoaMessage.Prepare(3, 2));
    assertThatThrownBy(() -> PoaCodec.decode(new byte[] {42}))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("unknown poa message tag 42");
    assertThatThrownBy(() -> PoaCodec.decode(Arrays.copyOf(good, good.length - 1)))
        .isInstanceOf(DecodingException.class);
    assertThatThrownBy(() -> PoaCodec.decode(Arrays.copyOf(good, good.length + 1)))
        .isInstanceOf(DecodingException.class);
  }

  @Test
  void rejectsPromisesWhoseAcceptedRoundIsNotBelowThePromisedOne() {
    byte[] forged =
        new CanonicalWriter()
            .writeByte(2)
            .writeLong(3)
            .writeInt(2)
            .writeInt(2)
            .writeBoolean(false)
            .toByteArray();
    assertThatThrownBy(() -> PoaCodec.decode(forged))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("below the promised round");
  }

  @Test
  void rejectsNegativeRoundsAndHeightZero() {
    byte[] negativeRound =
        new CanonicalWriter().writeByte(1).writeLong(3).writeInt(-1).toByteArray();
    byte[] heightZero = new CanonicalWriter().writeByte(1).writeLong(0).writeInt(0).toByteArray();
    assertThatThrownBy(() -> PoaCodec.decode(negativeRound)).isInstanceOf(DecodingException.class);
    assertThatThrownBy(() -> PoaCodec.decode(heightZero)).isInstanceOf(DecodingException.class);
  }
}
