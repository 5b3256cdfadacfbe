package io.consensio.pow.checkpoint;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.Signature;
import io.consensio.api.types.Hash;
import java.nio.charset.StandardCharsets;

/**
 * A signed statement "the block at {@code height} is {@code blockId}" by the holder of the
 * configured checkpoint key. Bitcoin Core shipped hard-coded checkpoints in chainparams.cpp for
 * years to stop deep reorgs during initial sync; here they are issued live and signed, so a node
 * learns them from the network and refuses any chain that does not contain them.
 */
public record Checkpoint(long height, Hash blockId, Signature signature) {
  private static final byte[] DOMAIN =
      "consensio/pow/checkpoint".getBytes(StandardCharsets.US_ASCII);

  public Checkpoint {
    if (height < 1) {
      throw new IllegalArgumentException("checkpoints start at height 1");
    }
  }

  /** What the holder signs; binds the checkpoint to one chain through its genesis id. */
  public static byte[] signingBytes(Hash genesisId, long height, Hash blockId) {
    CanonicalWriter w = new CanonicalWriter(96);
    w.writeFixed(DOMAIN);
    genesisId.write(w);
    w.writeLong(height);
    blockId.write(w);
    return w.toByteArray();
  }

  public void write(CanonicalWriter w) {
    w.writeLong(height);
    blockId.write(w);
    signature.write(w);
  }

  public static Checkpoint read(CanonicalReader r) {
    long height = r.readLong();
    if (height < 1) {
      throw new DecodingException("checkpoint height must be at least 1, got " + height);
    }
    return new Checkpoint(height, Hash.read(r), Signature.read(r));
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(112);
    write(w);
    return w.toByteArray();
  }

  public static Checkpoint decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    Checkpoint checkpoint = read(r);
    r.finish();
    return checkpoint;
  }
}
