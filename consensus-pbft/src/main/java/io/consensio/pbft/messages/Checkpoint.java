package io.consensio.pbft.messages;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.types.Hash;
import java.util.Objects;

/**
 * ⟨CHECKPOINT, n, d, i⟩ (OSDI'99 §4.3). The paper's state digest d is the block's state root; the
 * block id travels with it because a view change must chain the next block onto the checkpoint
 * block and a lagging replica must know which block to fetch. The id commits to the state root, so
 * two checkpoints match only if both fields are equal.
 */
public record Checkpoint(long seq, Hash blockId, Hash stateRoot) implements PbftMessage {
  public Checkpoint {
    Objects.requireNonNull(blockId);
    Objects.requireNonNull(stateRoot);
  }

  @Override
  public MessageType type() {
    return MessageType.CHECKPOINT;
  }

  @Override
  public void writeBody(CanonicalWriter w) {
    w.writeLong(seq);
    blockId.write(w);
    stateRoot.write(w);
  }

  static Checkpoint read(CanonicalReader r) {
    return new Checkpoint(r.readNonNegativeLong("seq"), Hash.read(r), Hash.read(r));
  }
}
