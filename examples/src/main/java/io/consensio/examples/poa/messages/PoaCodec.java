package io.consensio.examples.poa.messages;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.Signature;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import java.util.Optional;

/** The wire format of {@link PoaMessage}: a tag byte, then the fields in declaration order. */
public final class PoaCodec {
  private static final int PREPARE = 1;
  private static final int PROMISE = 2;
  private static final int ACCEPT = 3;
  private static final int ACCEPTED = 4;
  private static final int DECIDED = 5;
  private static final int SYNC_REQUEST = 6;
  private static final int CERTIFIED = 7;
  private static final int MAX_CERTIFICATE_BYTES = 128 * 1024;

  private PoaCodec() {}

  public static byte[] encode(PoaMessage message) {
    CanonicalWriter w = new CanonicalWriter();
    if (message instanceof PoaMessage.Prepare m) {
      w.writeByte(PREPARE).writeLong(m.height()).writeInt(m.round());
    } else if (message instanceof PoaMessage.Promise m) {
      w.writeByte(PROMISE).writeLong(m.height()).writeInt(m.round()).writeInt(m.acceptedRound());
      w.writeBoolean(m.acceptedBlock().isPresent());
      m.acceptedBlock().ifPresent(b -> b.write(w));
    } else if (message instanceof PoaMessage.Accept m) {
      w.writeByte(ACCEPT).writeLong(m.height()).writeInt(m.round());
      m.block().write(w);
    } else if (message instanceof PoaMessage.Accepted m) {
      w.writeByte(ACCEPTED).writeLong(m.height()).writeInt(m.round());
      m.blockId().write(w);
      m.signature().write(w);
    } else if (message instanceof PoaMessage.Decided m) {
      w.writeByte(DECIDED);
      m.block().write(w);
    } else if (message instanceof PoaMessage.Certified m) {
      w.writeByte(CERTIFIED).writeLong(m.height());
      m.blockId().write(w);
      w.writeBytes(m.certificateSeal());
    } else if (message instanceof PoaMessage.SyncRequest m) {
      w.writeByte(SYNC_REQUEST).writeLong(m.height());
    }
    return w.toByteArray();
  }

  /** Decodes one message; anything malformed raises {@link DecodingException}. */
  public static PoaMessage decode(byte[] bytes) {
    if (bytes.length > Block.MAX_ENCODED_BYTES + 64) {
      throw new DecodingException("message of " + bytes.length + " bytes is too large");
    }
    CanonicalReader r = new CanonicalReader(bytes);
    int tag = r.readByte();
    PoaMessage message =
        switch (tag) {
          case PREPARE -> new PoaMessage.Prepare(height(r), round(r));
          case PROMISE -> {
            long height = height(r);
            int round = round(r);
            int acceptedRound = r.readInt();
            if (acceptedRound < -1 || acceptedRound >= round) {
              throw new DecodingException("accepted round must be below the promised round");
            }
            Optional<Block> block = r.readBoolean() ? Optional.of(Block.read(r)) : Optional.empty();
            if (block.isPresent() != (acceptedRound >= 0)) {
              throw new DecodingException("an accepted round needs its block and vice versa");
            }
            yield new PoaMessage.Promise(height, round, acceptedRound, block);
          }
          case ACCEPT -> new PoaMessage.Accept(height(r), round(r), Block.read(r));
          case ACCEPTED ->
              new PoaMessage.Accepted(height(r), round(r), Hash.read(r), Signature.read(r));
          case DECIDED -> new PoaMessage.Decided(Block.read(r));
          case SYNC_REQUEST -> new PoaMessage.SyncRequest(height(r));
          case CERTIFIED ->
              new PoaMessage.Certified(height(r), Hash.read(r), r.readBytes(MAX_CERTIFICATE_BYTES));
          default -> throw new DecodingException("unknown poa message tag " + tag);
        };
    r.finish();
    return message;
  }

  private static long height(CanonicalReader r) {
    long height = r.readLong();
    if (height < 1) {
      throw new DecodingException("height must be at least 1, got " + height);
    }
    return height;
  }

  private static int round(CanonicalReader r) {
    int round = r.readInt();
    if (round < 0) {
      throw new DecodingException("round must not be negative, got " + round);
    }
    return round;
  }
}
