package io.consensio.pos.messages;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.types.Block;
import io.consensio.api.types.BlockHeader;
import io.consensio.api.types.Hash;
import io.consensio.pos.finality.Vote;
import java.util.Optional;

/**
 * The wire format of {@link PosMessage}: a tag byte, then the fields in declaration order in the
 * canonical encoding. Decoding is strict: unknown tags, negative heights or epochs, lists above
 * their limits, oversized input and trailing bytes are {@link DecodingException}s.
 */
public final class PosCodec {
  public static final int MAX_MESSAGE_BYTES = 2 * Block.MAX_ENCODED_BYTES;
  public static final int MAX_BLOCKS = 4_096;
  public static final int MAX_VOTES = 16_384;

  private static final int NEW_BLOCK = 1;
  private static final int SYNC_REQUEST = 2;
  private static final int BLOCKS = 3;
  private static final int VOTE = 4;
  private static final int VOTES = 5;

  private PosCodec() {}

  public static byte[] encode(PosMessage message) {
    // a block message is sized exactly, so the writer's array is the message (no growth, no copy)
    CanonicalWriter w =
        message instanceof PosMessage.NewBlock m
            ? new CanonicalWriter(1 + m.block().encodedSize())
            : new CanonicalWriter(256);
    if (message instanceof PosMessage.NewBlock m) {
      w.writeByte(NEW_BLOCK);
      m.block().write(w);
    } else if (message instanceof PosMessage.SyncRequest m) {
      w.writeByte(SYNC_REQUEST).writeLong(m.fromHeight()).writeLong(m.finalizedEpoch());
    } else if (message instanceof PosMessage.Blocks m) {
      w.writeByte(BLOCKS);
      w.writeList(m.blocks(), (writer, block) -> block.write(writer));
      w.writeLong(m.headHeight());
    } else if (message instanceof PosMessage.VoteMessage m) {
      w.writeByte(VOTE);
      m.vote().write(w);
    } else if (message instanceof PosMessage.Votes m) {
      w.writeByte(VOTES);
      w.writeList(m.votes(), (writer, vote) -> vote.write(writer));
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

  /** Decodes one message; anything malformed raises {@link DecodingException}. */
  public static PosMessage decode(byte[] bytes) {
    if (bytes.length > MAX_MESSAGE_BYTES) {
      throw new DecodingException("message of " + bytes.length + " bytes is too large");
    }
    CanonicalReader r = new CanonicalReader(bytes);
    int tag = r.readByte();
    PosMessage message =
        switch (tag) {
          case NEW_BLOCK -> new PosMessage.NewBlock(Block.read(r));
          case SYNC_REQUEST ->
              new PosMessage.SyncRequest(
                  r.readNonNegativeLong("from height"), r.readNonNegativeLong("finalized epoch"));
          case BLOCKS ->
              new PosMessage.Blocks(
                  r.readList(MAX_BLOCKS, Block::read), r.readNonNegativeLong("head height"));
          case VOTE -> new PosMessage.VoteMessage(Vote.read(r));
          case VOTES -> new PosMessage.Votes(r.readList(MAX_VOTES, Vote::read));
          default -> throw new DecodingException("unknown pos message tag " + tag);
        };
    r.finish();
    return message;
  }
}
