package io.consensio.dpos.messages;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.types.Block;
import io.consensio.api.types.BlockHeader;
import io.consensio.api.types.Hash;
import io.consensio.dpos.evidence.DoubleProduction;
import java.util.Optional;

/**
 * The DPoS wire format: a one-byte tag and the message's canonical encoding. Decoding is strict —
 * unknown tags, truncated or oversized input, trailing bytes and out-of-range values all raise
 * {@link DecodingException}, which the engine counts and drops.
 */
public final class DposCodec {
  public static final int MAX_MESSAGE_BYTES = 2 * Block.MAX_ENCODED_BYTES;
  public static final int MAX_SYNC_BLOCKS = 512;

  private static final int NEW_BLOCK = 1;
  private static final int SYNC_REQUEST = 2;
  private static final int SYNC_RESPONSE = 3;
  private static final int EVIDENCE = 4;

  private DposCodec() {}

  public static byte[] encode(DposMessage message) {
    // a block message is sized exactly, so the writer's array is the message (no growth, no copy)
    CanonicalWriter w =
        message instanceof DposMessage.NewBlock m
            ? new CanonicalWriter(1 + m.block().encodedSize())
            : new CanonicalWriter(256);
    if (message instanceof DposMessage.NewBlock m) {
      w.writeByte(NEW_BLOCK);
      m.block().write(w);
    } else if (message instanceof DposMessage.SyncRequest m) {
      w.writeByte(SYNC_REQUEST).writeLong(m.fromHeight());
    } else if (message instanceof DposMessage.SyncResponse m) {
      w.writeByte(SYNC_RESPONSE).writeLong(m.headHeight());
      w.writeList(m.blocks(), (writer, block) -> block.write(writer));
    } else if (message instanceof DposMessage.Evidence m) {
      w.writeByte(EVIDENCE);
      m.evidence().write(w);
    }
    return w.toByteArray();
  }

  /**
   * The id of the block in a NEW_BLOCK message, read from its header alone; empty for any other
   * message or a header that does not decode. Every node relays each new block to every peer, so a
   * node receives most blocks several times: the engine recognises a block it already holds by this
   * id instead of decoding (and hashing) all of its transactions again.
   */
  public static Optional<Hash> newBlockId(byte[] bytes) {
    boolean newBlock =
        bytes.length > 0 && bytes[0] == NEW_BLOCK && bytes.length <= MAX_MESSAGE_BYTES;
    return newBlock ? BlockHeader.idOfHeaderAt(bytes, 1) : Optional.empty();
  }

  public static DposMessage decode(byte[] bytes) {
    if (bytes.length > MAX_MESSAGE_BYTES) {
      throw new DecodingException("message of " + bytes.length + " bytes is too large");
    }
    CanonicalReader r = new CanonicalReader(bytes);
    int tag = r.readByte();
    DposMessage message;
    try {
      message =
          switch (tag) {
            case NEW_BLOCK -> new DposMessage.NewBlock(Block.read(r));
            case SYNC_REQUEST -> new DposMessage.SyncRequest(r.readLong());
            case SYNC_RESPONSE ->
                new DposMessage.SyncResponse(
                    r.readNonNegativeLong("headHeight"), r.readList(MAX_SYNC_BLOCKS, Block::read));
            case EVIDENCE -> new DposMessage.Evidence(DoubleProduction.read(r));
            default -> throw new DecodingException("unknown dpos message tag " + tag);
          };
    } catch (IllegalArgumentException e) {
      throw new DecodingException("invalid dpos message: " + e.getMessage());
    }
    r.finish();
    return message;
  }
}
