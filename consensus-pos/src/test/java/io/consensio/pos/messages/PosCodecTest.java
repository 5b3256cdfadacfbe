package io.consensio.pos.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.types.Block;
import io.consensio.api.types.BlockHeader;
import io.consensio.api.types.Hash;
import io.consensio.api.types.MerkleTree;
import io.consensio.pos.chain.BlockInfo;
import io.consensio.pos.chain.BlockInfoCodec;
import io.consensio.pos.chain.VrfRegistry;
import io.consensio.pos.finality.Checkpoint;
import io.consensio.pos.finality.Vote;
import io.consensio.pos.seal.PosSeal;
import io.consensio.pos.vrf.VrfKeyPair;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PosCodecTest {
  private final Ed25519KeyPair key = Ed25519KeyPair.fromSeed(new byte[32]);
  private final Ed25519KeyPair other =
      Ed25519KeyPair.fromSeed(
          new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
            17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32
          });
  private final Checkpoint source = new Checkpoint(Hash.sha256(new byte[] {1}), 1);
  private final Checkpoint target = new Checkpoint(Hash.sha256(new byte[] {2}), 2);
  private final Vote vote =
      new Vote(key.publicKey(), source, target, key.sign(Vote.signingBytes(source, target)));
  private final Block block =
      new Block(
          new BlockHeader(
              3,
              Hash.ZERO,
              750,
              key.publicKey(),
              MerkleTree.EMPTY_ROOT,
              Hash.ZERO,
              new PosSeal(3, VrfKeyPair.derive(key).prove(new byte[] {1}), key.sign(new byte[] {2}))
                  .encode()),
          List.of());

  @Test
  void everyMessageRoundTrips() {
    List<PosMessage> messages =
        List.of(
            new PosMessage.NewBlock(block),
            new PosMessage.SyncRequest(5, 2),
            new PosMessage.Blocks(List.of(block, block), 9),
            new PosMessage.VoteMessage(vote),
            new PosMessage.Votes(List.of(vote)));
    for (PosMessage message : messages) {
      byte[] bytes = PosCodec.encode(message);
      assertThat(PosCodec.encode(PosCodec.decode(bytes))).isEqualTo(bytes);
    }
    assertThat(PosCodec.decode(PosCodec.encode(new PosMessage.VoteMessage(vote))))
        .isEqualTo(new PosMessage.VoteMessage(vote));
  }

  @Test
  void malformedInputIsRejected() {
    byte[] good = PosCodec.encode(new PosMessage.SyncRequest(5, 2));
    assertThatThrownBy(() -> PosCodec.decode(Arrays.copyOf(good, good.length + 1)))
        .isInstanceOf(DecodingException.class);
    assertThatThrownBy(() -> PosCodec.decode(Arrays.copyOf(good, good.length - 1)))
        .isInstanceOf(DecodingException.class);
    assertThatThrownBy(() -> PosCodec.decode(new byte[] {99}))
        .isInstanceOf(DecodingException.class);
    assertThatThrownBy(() -> PosCodec.decode(new byte[0])).isInstanceOf(DecodingException.class);
    byte[] negative = good.clone();
    negative[1] = (byte) 0x80;
    assertThatThrownBy(() -> PosCodec.decode(negative)).isInstanceOf(DecodingException.class);
  }

  @Test
  void aVoteWhoseTargetDoesNotFollowItsSourceIsRejected() {
    byte[] bytes = PosCodec.encode(new PosMessage.VoteMessage(vote));
    // target epoch is the last 8 bytes before the 64-byte signature: make it 1 (= source epoch)
    int targetEpochEnd = bytes.length - 64;
    bytes[targetEpochEnd - 1] = 1;
    assertThatThrownBy(() -> PosCodec.decode(bytes)).isInstanceOf(DecodingException.class);
  }

  @Test
  void sealsDecodeStrictly() {
    byte[] seal = block.header().seal();
    assertThat(PosSeal.decode(seal).slot()).isEqualTo(3);
    assertThatThrownBy(() -> PosSeal.decode(Arrays.copyOf(seal, seal.length + 1)))
        .isInstanceOf(DecodingException.class);
    byte[] slotZero = seal.clone();
    Arrays.fill(slotZero, 1, 9, (byte) 0);
    assertThatThrownBy(() -> PosSeal.decode(slotZero)).isInstanceOf(DecodingException.class);
    byte[] version = seal.clone();
    version[0] = 1;
    assertThatThrownBy(() -> PosSeal.decode(version)).isInstanceOf(DecodingException.class);
    byte[] kind = seal.clone();
    kind[9] = 2;
    assertThatThrownBy(() -> PosSeal.decode(kind)).isInstanceOf(DecodingException.class);
    byte[] publicTicketWithProofBytes = seal.clone();
    publicTicketWithProofBytes[9] = 0;
    assertThatThrownBy(() -> PosSeal.decode(publicTicketWithProofBytes))
        .isInstanceOf(DecodingException.class);
    PosSeal publicTicket = PosSeal.withPublicTicket(4, key.sign(new byte[] {3}));
    assertThat(PosSeal.decode(publicTicket.encode())).isEqualTo(publicTicket);
    assertThat(PosSeal.decode(seal).vrfProof()).hasSize(80);
  }

  @Test
  void blockInfoRoundTripsForPersistence() {
    TreeMap<io.consensio.api.crypto.PublicKey, Long> stakes =
        new TreeMap<>(Map.of(key.publicKey(), 10L));
    BlockInfo info =
        new BlockInfo(
            Hash.sha256(new byte[] {7}),
            Hash.ZERO,
            4,
            12,
            key.publicKey(),
            40,
            0.25,
            Hash.sha256(new byte[] {8}),
            Hash.sha256(new byte[] {9}),
            stakes,
            stakes,
            new VrfRegistry(
                Set.of(key.publicKey(), other.publicKey()),
                Map.of(
                    key.publicKey(),
                    new VrfRegistry.Registration(VrfKeyPair.derive(key).publicKey(), 3))));
    assertThat(BlockInfoCodec.decode(BlockInfoCodec.encode(info))).isEqualTo(info);
  }

  /** A relayed block is recognised from its header; nothing else is mistaken for one. */
  @Test
  void aNewBlockMessageNamesItsBlockFromTheHeaderAlone() {
    byte[] newBlock = PosCodec.encode(new PosMessage.NewBlock(block));
    assertThat(PosCodec.newBlockId(newBlock)).contains(block.id());
    assertThat(PosCodec.newBlockId(PosCodec.encode(new PosMessage.Blocks(List.of(block), 9))))
        .isEmpty();
    assertThat(PosCodec.newBlockId(PosCodec.encode(new PosMessage.VoteMessage(vote)))).isEmpty();
    assertThat(PosCodec.newBlockId(Arrays.copyOf(newBlock, 20))).isEmpty();
    assertThat(PosCodec.newBlockId(new byte[0])).isEmpty();
  }
}
