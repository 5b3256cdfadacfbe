package io.consensio.pbft.messages;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.types.Block;
import java.util.Objects;

/**
 * The answer to a {@link BlockRequest}: the unsealed block at sequence number n. The asker accepts
 * it only for a request it has outstanding and only if the block is the requested d (its id, and
 * transactions matching its transaction root), so the block needs no signature: the sender's
 * signature covers ⟨n, d⟩ ({@link #writeSignedBody}), like a PRE-PREPARE's.
 */
public record BlockResponse(long seq, Block block) implements PbftMessage {
  public BlockResponse {
    Objects.requireNonNull(block);
  }

  @Override
  public MessageType type() {
    return MessageType.BLOCK_RESPONSE;
  }

  @Override
  public void writeBody(CanonicalWriter w) {
    w.writeLong(seq);
    block.write(w);
  }

  @Override
  public void writeSignedBody(CanonicalWriter w) {
    w.writeLong(seq);
    block.id().write(w);
  }

  static BlockResponse read(CanonicalReader r) {
    return new BlockResponse(r.readNonNegativeLong("seq"), Block.read(r));
  }
}
