package io.consensio.runtime.transport;

import io.consensio.runtime.net.MessageChannel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Builds the frames {@link FrameDecoder} reads: a 4-byte body length followed by the body. A data
 * frame's body is the {@link MessageChannel} wire byte followed by the payload; a handshake frame's
 * body is an encoded {@link HandshakeMessage}. Each frame is one buffer, written with one syscall.
 */
final class FrameEncoder {
  private FrameEncoder() {}

  /** Body size of a data frame carrying {@code payloadLength} bytes. */
  static long dataBodyLength(int payloadLength) {
    return 1L + payloadLength;
  }

  static ByteBuf dataFrame(ByteBufAllocator alloc, MessageChannel channel, byte[] payload) {
    int body = 1 + payload.length;
    ByteBuf frame = alloc.buffer(FrameDecoder.LENGTH_FIELD_BYTES + body);
    frame.writeInt(body);
    frame.writeByte(channel.wireValue());
    frame.writeBytes(payload);
    return frame;
  }

  static ByteBuf handshakeFrame(ByteBufAllocator alloc, HandshakeMessage message) {
    byte[] body = HandshakeCodec.encode(message);
    ByteBuf frame = alloc.buffer(FrameDecoder.LENGTH_FIELD_BYTES + body.length);
    frame.writeInt(body.length);
    frame.writeBytes(body);
    return frame;
  }
}
