package io.consensio.dpos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.types.Block;
import io.consensio.api.types.BlockHeader;
import io.consensio.api.types.Hash;
import io.consensio.api.types.MerkleTree;
import io.consensio.dpos.evidence.DoubleProduction;
import io.consensio.dpos.messages.DposCodec;
import io.consensio.dpos.messages.DposMessage;
import io.consensio.dpos.schedule.ProducerStats;
import io.consensio.dpos.schedule.RoundState;
import io.consensio.dpos.seal.DposSeal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DposCodecTest {
  private static final Ed25519KeyPair A = Ed25519KeyPair.fromSeed(new byte[32]);
  private static final Ed25519KeyPair B = Ed25519KeyPair.fromSeed(filled(1));

  private static byte[] filled(int value) {
    byte[] bytes = new byte[32];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }

  private static RoundState round() {
    TreeMap<io.consensio.api.crypto.PublicKey, ProducerStats> stats = new TreeMap<>();
    stats.put(A.publicKey(), new ProducerStats(3, 1));
    stats.put(B.publicKey(), new ProducerStats(2, 0));
    return new RoundState(2, 9, List.of(B.publicKey(), A.publicKey()), stats);
  }

  private static Block block(long height, DposSeal seal) {
    BlockHeader header =
        new BlockHeader(
            height,
            Hash.sha256(new byte[] {1}),
            500 * height,
            A.publicKey(),
            MerkleTree.EMPTY_ROOT,
            Hash.sha256(new byte[] {2}),
            seal.encode());
    return new Block(header, List.of());
  }

  private static DoubleProduction evidence() {
    Hash x = Hash.sha256(new byte[] {3});
    Hash y = Hash.sha256(new byte[] {4});
    return DoubleProduction.of(
        A.publicKey(),
        7,
        new DoubleProduction.SignedSlot(
            x, Hash.ZERO, A.sign(DposSeal.signingBytes(x, 7, Hash.ZERO))),
        new DoubleProduction.SignedSlot(
            y, Hash.ZERO, A.sign(DposSeal.signingBytes(y, 7, Hash.ZERO))));
  }

  @Test
  void everyMessageSurvivesARoundTrip() {
    DposSeal opening = new DposSeal(9, Optional.of(round()), A.sign(new byte[] {1}));
    DposSeal inner = new DposSeal(10, Optional.empty(), A.sign(new byte[] {2}));
    List<DposMessage> messages =
        List.of(
            new DposMessage.NewBlock(block(3, opening)),
            new DposMessage.SyncRequest(5),
            new DposMessage.SyncResponse(12, List.of(block(3, opening), block(4, inner))),
            new DposMessage.Evidence(evidence()));
    for (DposMessage message : messages) {
      DposMessage decoded = DposCodec.decode(DposCodec.encode(message));
      assertThat(DposCodec.encode(decoded)).isEqualTo(DposCodec.encode(message));
    }
    assertThat(DposSeal.decode(opening.encode())).isEqualTo(opening);
  }

  @Test
  void truncatedTrailingAndUnknownInputIsRejected() {
    byte[] good = DposCodec.encode(new DposMessage.SyncRequest(5));
    assertThatThrownBy(() -> DposCodec.decode(Arrays.copyOf(good, good.length - 1)))
        .isInstanceOf(DecodingException.class);
    assertThatThrownBy(() -> DposCodec.decode(Arrays.copyOf(good, good.length + 1)))
        .isInstanceOf(DecodingException.class);
    assertThatThrownBy(() -> DposCodec.decode(new byte[] {9}))
        .isInstanceOf(DecodingException.class);
    assertThatThrownBy(() -> DposCodec.decode(new byte[0])).isInstanceOf(DecodingException.class);
    byte[] zeroHeight = DposCodec.encode(new DposMessage.SyncRequest(5));
    zeroHeight[zeroHeight.length - 1] = 0;
    assertThatThrownBy(() -> DposCodec.decode(zeroHeight)).isInstanceOf(DecodingException.class);
  }

  @Test
  void aRoundRecordWithUnsortedOrDuplicateKeysDoesNotDecode() {
    byte[] encoded = round().encode();
    assertThat(RoundState.read(new io.consensio.api.codec.CanonicalReader(encoded)))
        .isEqualTo(round());
    // Two counters in descending key order: a second encoding of one record, refused.
    io.consensio.api.codec.CanonicalWriter w = new io.consensio.api.codec.CanonicalWriter();
    w.writeLong(1).writeLong(1);
    w.writeList(List.of(A.publicKey()), (writer, k) -> k.write(writer));
    List<io.consensio.api.crypto.PublicKey> descending =
        A.publicKey().compareTo(B.publicKey()) > 0
            ? List.of(A.publicKey(), B.publicKey())
            : List.of(B.publicKey(), A.publicKey());
    w.writeList(
        descending,
        (writer, k) -> {
          k.write(writer);
          writer.writeLong(1).writeLong(0);
        });
    byte[] unsorted = w.toByteArray();
    assertThatThrownBy(() -> RoundState.read(new io.consensio.api.codec.CanonicalReader(unsorted)))
        .isInstanceOf(DecodingException.class);
  }

  @Test
  void aSealForSlotZeroOrWithGarbageDoesNotDecode() {
    byte[] seal = new DposSeal(1, Optional.empty(), A.sign(new byte[] {1})).encode();
    seal[7] = 0; // slot 1 -> 0
    assertThatThrownBy(() -> DposSeal.decode(seal)).isInstanceOf(DecodingException.class);
    byte[] longer =
        Arrays.copyOf(new DposSeal(1, Optional.empty(), A.sign(new byte[] {1})).encode(), 80);
    assertThatThrownBy(() -> DposSeal.decode(longer)).isInstanceOf(DecodingException.class);
  }

  /** A relayed block is recognised from its header; nothing else is mistaken for one. */
  @Test
  void aNewBlockMessageNamesItsBlockFromTheHeaderAlone() {
    Block block = block(3, new DposSeal(10, Optional.empty(), A.sign(new byte[] {2})));
    byte[] newBlock = DposCodec.encode(new DposMessage.NewBlock(block));
    assertThat(DposCodec.newBlockId(newBlock)).contains(block.id());
    assertThat(DposCodec.newBlockId(DposCodec.encode(new DposMessage.SyncRequest(4)))).isEmpty();
    assertThat(DposCodec.newBlockId(Arrays.copyOf(newBlock, 20))).isEmpty();
    assertThat(DposCodec.newBlockId(new byte[0])).isEmpty();
  }
}
