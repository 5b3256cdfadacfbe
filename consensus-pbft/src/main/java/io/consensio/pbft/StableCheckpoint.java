package io.consensio.pbft;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.crypto.Verifier;
import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import io.consensio.pbft.messages.Checkpoint;
import io.consensio.pbft.messages.MessageCodec;
import io.consensio.pbft.messages.Signed;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A checkpoint with its proof of stability: 2f+1 CHECKPOINT messages from distinct replicas for the
 * same (n, block, state) (OSDI'99 §4.3). Sequence number 0 is the genesis checkpoint, stable by
 * definition, with an empty proof. Immutable.
 */
public record StableCheckpoint(
    long seq, Hash blockId, Hash stateRoot, List<Signed<Checkpoint>> proof) {
  public StableCheckpoint {
    proof = List.copyOf(proof);
  }

  public static StableCheckpoint genesis(Hash genesisId, Hash genesisStateRoot) {
    return new StableCheckpoint(0, genesisId, genesisStateRoot, List.of());
  }

  /**
   * Builds the checkpoint a VIEW-CHANGE claims ({@code seq} with proof {@code proof}) and checks
   * it: returns null when the proof does not hold.
   */
  public static StableCheckpoint verified(
      long seq,
      List<Signed<Checkpoint>> proof,
      Hash genesisId,
      int interval,
      Quorum quorum,
      Verifier verifier) {
    if (seq == 0) {
      return proof.isEmpty() ? new StableCheckpoint(0, genesisId, Hash.ZERO, List.of()) : null;
    }
    if (seq % interval != 0 || proof.isEmpty()) {
      return null;
    }
    Checkpoint first = proof.get(0).message();
    Set<NodeId> signers = new HashSet<>();
    for (Signed<Checkpoint> c : proof) {
      Checkpoint m = c.message();
      if (m.seq() != seq
          || !m.blockId().equals(first.blockId())
          || !m.stateRoot().equals(first.stateRoot())
          || !signers.add(c.sender())
          || !c.verify(quorum.membership(), verifier)) {
        return null;
      }
    }
    if (signers.size() < quorum.quorum()) {
      return null;
    }
    return new StableCheckpoint(seq, first.blockId(), first.stateRoot(), proof);
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(256);
    w.writeLong(seq);
    blockId.write(w);
    stateRoot.write(w);
    w.writeList(proof, (writer, c) -> writer.writeBytes(c.encode()));
    return w.toByteArray();
  }

  public static StableCheckpoint decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    long seq = r.readNonNegativeLong("seq");
    Hash blockId = Hash.read(r);
    Hash stateRoot = Hash.read(r);
    List<byte[]> raw = r.readList(MessageCodec.MAX_REPLICAS, x -> x.readBytes(1 << 20));
    r.finish();
    List<Signed<Checkpoint>> proof =
        raw.stream().map(b -> MessageCodec.decodeAs(b, Checkpoint.class)).toList();
    return new StableCheckpoint(seq, blockId, stateRoot, proof);
  }
}
