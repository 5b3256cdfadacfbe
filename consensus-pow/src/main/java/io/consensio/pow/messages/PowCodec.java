package io.consensio.pow.messages;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.types.Block;
import io.consensio.api.types.BlockHeader;
import io.consensio.api.types.Hash;
import io.consensio.pow.checkpoint.Checkpoint;
import io.consensio.pow.header.PowSeal;

/**
 * The wire format of {@link PowMessage}: a tag byte, then the fields in the canonical encoding.
 * Decoding is strict — unknown tags, oversized lists, trailing bytes, headers whose seal is not a
 * proof-of-work seal all raise {@link DecodingException}.
 */
public final class PowCodec {
  public static final int MAX_LOCATOR = 64;
  public static final int MAX_BLOCKS = 1_000;
  public static final int MAX_MESSAGE_BYTES = Block.MAX_ENCODED_BYTES + 1024;

  private static final int ANNOUNCE = 1;
  private static final int GET_BLOCK = 2;
  private static final int BLOCK = 3;
  private static final int GET_BLOCKS = 4;
  private static final int BLOCKS = 5;
  private static final int CHECKPOINT = 6;

  private PowCodec() {}

  public static byte[] encode(PowMessage message) {
    // a block message is sized exactly, so the writer's array is the message (no growth, no copy)
    CanonicalWriter w =
        message instanceof PowMessage.BlockMessage m
            ? new CanonicalWriter(1 + m.block().encodedSize())
            : new CanonicalWriter(256);
    if (message instanceof PowMessage.Announce m) {
      w.writeByte(ANNOUNCE);
      m.header().write(w);
    } else if (message instanceof PowMessage.GetBlock m) {
      w.writeByte(GET_BLOCK);
      m.id().write(w);
    } else if (message instanceof PowMessage.BlockMessage m) {
      w.writeByte(BLOCK);
      m.block().write(w);
    } else if (message instanceof PowMessage.GetBlocks m) {
      w.writeByte(GET_BLOCKS);
      w.writeList(m.locator(), (writer, hash) -> hash.write(writer));
    } else if (message instanceof PowMessage.Blocks m) {
      w.writeByte(BLOCKS);
      w.writeList(m.blocks(), (writer, block) -> block.write(writer));
    } else if (message instanceof PowMessage.CheckpointMessage m) {
      w.writeByte(CHECKPOINT);
      m.checkpoint().write(w);
    }
    return w.toByteArray();
  }

  public static PowMessage decode(byte[] bytes) {
    if (bytes.length > MAX_MESSAGE_BYTES) {
      throw new DecodingException("message of " + bytes.length + " bytes is too large");
    }
    CanonicalReader r = new CanonicalReader(bytes);
    int tag = r.readByte();
    PowMessage message =
        switch (tag) {
          case ANNOUNCE -> new PowMessage.Announce(minedHeader(BlockHeader.read(r)));
          case GET_BLOCK -> new PowMessage.GetBlock(Hash.read(r));
          case BLOCK -> new PowMessage.BlockMessage(minedBlock(Block.read(r)));
          case GET_BLOCKS -> {
            var locator = r.readList(MAX_LOCATOR, Hash::read);
            if (locator.isEmpty()) {
              throw new DecodingException("a block locator needs at least one hash");
            }
            yield new PowMessage.GetBlocks(locator);
          }
          case BLOCKS ->
              new PowMessage.Blocks(r.readList(MAX_BLOCKS, rr -> minedBlock(Block.read(rr))));
          case CHECKPOINT -> new PowMessage.CheckpointMessage(Checkpoint.read(r));
          default -> throw new DecodingException("unknown pow message tag " + tag);
        };
    r.finish();
    return message;
  }

  /** Genesis is never sent, and every other block carries an 88-byte PoW seal. */
  private static BlockHeader minedHeader(BlockHeader header) {
    if (header.height() < 1) {
      throw new DecodingException("genesis is not gossiped");
    }
    if (header.sealLength() != PowSeal.SIZE) {
      throw new DecodingException("not a proof-of-work seal: " + header.sealLength() + " bytes");
    }
    return header;
  }

  private static Block minedBlock(Block block) {
    minedHeader(block.header());
    return block;
  }
}
