package io.consensio.pow.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.types.Block;
import io.consensio.api.types.BlockHeader;
import io.consensio.api.types.Hash;
import io.consensio.api.types.MerkleTree;
import io.consensio.pow.checkpoint.Checkpoint;
import io.consensio.pow.header.PowSeal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PowCodecTest {
  static final Ed25519KeyPair KEY = Ed25519KeyPair.fromSeed(new byte[32]);

  static Block block(long height, int sealLength) {
    BlockHeader header =
        new BlockHeader(
            height,
            Hash.sha256(new byte[] {1}),
            1_000,
            KEY.publicKey(),
            MerkleTree.EMPTY_ROOT,
            Hash.sha256(new byte[] {2}),
            new byte[sealLength]);
    return new Block(header, List.of());
  }

  static List<PowMessage> samples() {
    Block block = block(3, PowSeal.SIZE);
    Hash id = block.id();
    return List.of(
        new PowMessage.Announce(block.header()),
        new PowMessage.GetBlock(id),
        new PowMessage.BlockMessage(block),
        new PowMessage.GetBlocks(List.of(id, Hash.ZERO)),
        new PowMessage.Blocks(List.of(block, block(4, PowSeal.SIZE))),
        new PowMessage.CheckpointMessage(new Checkpoint(7, id, KEY.sign(new byte[] {9}))));
  }

  @Test
  void everyMessageRoundTrips() {
    for (PowMessage message : samples()) {
      byte[] encoded = PowCodec.encode(message);
      assertThat(PowCodec.encode(PowCodec.decode(encoded))).isEqualTo(encoded);
    }
  }

  @Test
  void truncatedOrPaddedMessagesAreRejected() {
    for (PowMessage message : samples()) {
      byte[] encoded = PowCodec.encode(message);
      for (int cut = 0; cut < encoded.length; cut += Math.max(1, encoded.length / 13)) {
        byte[] truncated = Arrays.copyOf(encoded, cut);
        assertThatThrownBy(() -> PowCodec.decode(truncated)).isInstanceOf(DecodingException.class);
      }
      byte[] padded = Arrays.copyOf(encoded, encoded.length + 1);
      assertThatThrownBy(() -> PowCodec.decode(padded)).isInstanceOf(DecodingException.class);
    }
  }

  @Test
  void unknownTagsForeignSealsGenesisAndEmptyLocatorsAreRejected() {
    assertThatThrownBy(() -> PowCodec.decode(new byte[] {42}))
        .isInstanceOf(DecodingException.class);
    byte[] foreignSeal = PowCodec.encode(new PowMessage.BlockMessage(block(3, 64)));
    assertThatThrownBy(() -> PowCodec.decode(foreignSeal)).isInstanceOf(DecodingException.class);
    byte[] genesis = PowCodec.encode(new PowMessage.Announce(block(0, PowSeal.SIZE).header()));
    assertThatThrownBy(() -> PowCodec.decode(genesis)).isInstanceOf(DecodingException.class);
    byte[] emptyLocator = new CanonicalWriter().writeByte(4).writeInt(0).toByteArray();
    assertThatThrownBy(() -> PowCodec.decode(emptyLocator)).isInstanceOf(DecodingException.class);
    byte[] hugeList = new CanonicalWriter().writeByte(5).writeInt(Integer.MAX_VALUE).toByteArray();
    assertThatThrownBy(() -> PowCodec.decode(hugeList)).isInstanceOf(DecodingException.class);
    byte[] badCheckpoint = new CanonicalWriter().writeByte(6).writeLong(0).toByteArray();
    assertThatThrownBy(() -> PowCodec.decode(badCheckpoint)).isInstanceOf(DecodingException.class);
  }
}
