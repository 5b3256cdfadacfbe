package io.consensio.pos.finality;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.types.Hash;

/**
 * An epoch boundary pair in the sense of Gasper (Buterin et al., 2020, §3.2): {@code block} is the
 * last block of the chain before the first slot of {@code epoch}. The same block is the checkpoint
 * of several epochs when the epochs between were empty, so the epoch is part of the identity.
 */
public record Checkpoint(Hash block, long epoch) implements Comparable<Checkpoint> {
  public void write(CanonicalWriter w) {
    block.write(w);
    w.writeLong(epoch);
  }

  public static Checkpoint read(CanonicalReader r) {
    return new Checkpoint(Hash.read(r), r.readNonNegativeLong("checkpoint epoch"));
  }

  @Override
  public int compareTo(Checkpoint other) {
    int byEpoch = Long.compare(epoch, other.epoch);
    return byEpoch != 0 ? byEpoch : block.compareTo(other.block);
  }

  @Override
  public String toString() {
    return "(" + block.shortHex() + "@" + epoch + ")";
  }
}
