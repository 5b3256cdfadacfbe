package io.consensio.pbft;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.types.Block;
import io.consensio.api.types.BlockHeader;
import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import io.consensio.pbft.harness.Cluster;
import io.consensio.pbft.messages.Checkpoint;
import io.consensio.pbft.messages.NewView;
import io.consensio.pbft.messages.Prepare;
import io.consensio.pbft.messages.PreparedProof;
import io.consensio.pbft.messages.Signed;
import io.consensio.pbft.messages.ViewChange;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The NEW-VIEW size bound that config validation relies on holds for a real worst case, which no
 * longer depends on the block size (VIEW-CHANGE and NEW-VIEW carry headers only).
 */
class NewViewSizeBoundTest {
  private static final Ed25519KeyPair KEY = Cluster.keyOf(0);

  /** The longest node id the codec accepts, so the envelopes are as large as they get. */
  private static NodeId longId(int i) {
    return NodeId.of(("n" + i).repeat(40).substring(0, 64));
  }

  /** A block whose transactions together encode to at most {@code maxBatchBytes}, filled up. */
  private static Block fullBlock(long height, int maxBatchBytes) {
    List<Transaction> txs = new ArrayList<>();
    int bytes = 0;
    for (long nonce = 0; ; nonce++) {
      Transaction tx =
          Transaction.sign(KEY, nonce, 0, new TxPayload.KvPut(new byte[] {1}, new byte[1000]));
      int size = tx.encode().length;
      if (bytes + size > maxBatchBytes) {
        break;
      }
      bytes += size;
      txs.add(tx);
    }
    BlockHeader header =
        new BlockHeader(
            height,
            Hash.sha256(new byte[] {(byte) height}),
            height,
            KEY.publicKey(),
            Hash.sha256(new byte[] {2}),
            Hash.sha256(new byte[] {3}),
            new byte[0]);
    return new Block(header, txs);
  }

  /** A NEW-VIEW as large as f and L allow, with blocks of {@code maxBatchBytes}. */
  private static byte[] worstCaseNewView(int f, int window, int maxBatchBytes) {
    int quorum = 2 * f + 1;
    List<Signed<Checkpoint>> checkpointProof = new ArrayList<>();
    for (int i = 0; i < quorum; i++) {
      checkpointProof.add(Signed.sign(new Checkpoint(10, Hash.ZERO, Hash.ZERO), longId(i), KEY));
    }
    List<BlockHeader> o = new ArrayList<>();
    List<PreparedProof> proofs = new ArrayList<>();
    for (long seq = 11; seq <= 10 + window; seq++) {
      Block block = fullBlock(seq, maxBatchBytes);
      List<Signed<Prepare>> prepares = new ArrayList<>();
      for (int i = 1; i <= 2 * f; i++) {
        prepares.add(Signed.sign(new Prepare(Long.MAX_VALUE, seq, block.id()), longId(i), KEY));
      }
      proofs.add(new PreparedProof(Long.MAX_VALUE, seq, block.header(), prepares));
      o.add(block.header());
    }
    List<Signed<ViewChange>> v = new ArrayList<>();
    for (int i = 0; i < quorum; i++) {
      v.add(
          Signed.sign(new ViewChange(Long.MAX_VALUE, 10, checkpointProof, proofs), longId(i), KEY));
    }
    return Signed.sign(new NewView(Long.MAX_VALUE, v, o), longId(0), KEY).encode();
  }

  @Test
  void aWorstCaseNewViewStaysWithinTheBoundWhateverTheBlockSize() {
    for (int f = 1; f <= 2; f++) {
      int window = 40;
      long small = worstCaseNewView(f, window, 4 * 1024).length;
      long large = worstCaseNewView(f, window, 256 * 1024).length;

      assertThat(large).as("headers only: the block size does not matter").isEqualTo(small);
      assertThat(large).isLessThanOrEqualTo(NewViewSizeBound.worstCaseBytes(f, window));
      // The signed prepares dominate, as the bound says: (2f+1) VIEW-CHANGEs × L × 2f of them.
      long prepareBytes =
          Signed.sign(new Prepare(Long.MAX_VALUE, 11, Hash.ZERO), longId(1), KEY).encode().length;
      assertThat(large).isGreaterThan((2L * f + 1) * window * 2L * f * prepareBytes);
    }
  }

  @Test
  void theLargestFittingWindowFitsAndOneMoreDoesNot() {
    for (int f = 1; f <= 40; f++) {
      int largest = NewViewSizeBound.largestFittingWindow(f);
      assertThat(largest).isPositive();
      assertThat(NewViewSizeBound.worstCaseBytes(f, largest))
          .isLessThanOrEqualTo(NewViewSizeBound.FRAME_LIMIT_BYTES);
      assertThat(NewViewSizeBound.worstCaseBytes(f, largest + 1))
          .isGreaterThan(NewViewSizeBound.FRAME_LIMIT_BYTES);
    }
  }
}
