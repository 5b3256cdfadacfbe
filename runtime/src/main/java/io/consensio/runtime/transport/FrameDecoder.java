package io.consensio.runtime.transport;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.ByteOrder;

/**
 * Splits the byte stream into frames: a 4-byte big-endian body length, then the body. Emits the
 * body only. A body longer than the current limit raises {@link TooLongFrameException} as soon as
 * the length is read, before any of the body is buffered; {@link ConnectionErrorHandler} then
 * closes the connection.
 *
 * <p>Until the handshake succeeds the limit is {@link HandshakeCodec#MAX_MESSAGE_BYTES}, so an
 * unauthenticated stranger cannot make this node buffer megabytes; {@link #raiseToDataLimit()}
 * lifts it to the configured maximum once the peer has proved its key. Confined to the channel's
 * event loop, like every Netty handler.
 */
final class FrameDecoder extends LengthFieldBasedFrameDecoder {
  static final int LENGTH_FIELD_BYTES = 4;

  private final int maxDataFrameBytes;
  private int limit = HandshakeCodec.MAX_MESSAGE_BYTES;

  FrameDecoder(int maxDataFrameBytes) {
    // Netty's own limit counts the length field too; ours (checked first, below) counts the body.
    super(maxDataFrameBytes + LENGTH_FIELD_BYTES, 0, LENGTH_FIELD_BYTES, 0, LENGTH_FIELD_BYTES);
    this.maxDataFrameBytes = maxDataFrameBytes;
  }

  /** Accept data frames up to the configured maximum from now on. */
  void raiseToDataLimit() {
    limit = maxDataFrameBytes;
  }

  @Override
  protected long getUnadjustedFrameLength(ByteBuf buf, int offset, int length, ByteOrder order) {
    long bodyLength = super.getUnadjustedFrameLength(buf, offset, length, order);
    if (bodyLength > limit) {
      throw new TooLongFrameException(
          "frame body of " + bodyLength + " bytes exceeds the limit of " + limit);
    }
    return bodyLength;
  }
}
