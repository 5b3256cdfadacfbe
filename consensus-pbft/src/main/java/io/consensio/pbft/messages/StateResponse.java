package io.consensio.pbft.messages;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.types.Block;
import java.util.List;

/**
 * Committed blocks in ascending sequence order, each sealed with its commit certificate, so the
 * receiver checks finality without trusting the sender.
 */
public record StateResponse(List<Block> blocks) implements PbftMessage {
  public static final int MAX_BLOCKS = 64;

  /**
   * An upper bound on what a signed response adds around its blocks: type tag, list length, sender
   * id and signature (node ids are short strings; 1 KiB leaves ample room).
   */
  public static final int ENVELOPE_BYTES = 1024;

  public StateResponse {
    blocks = List.copyOf(blocks);
  }

  @Override
  public MessageType type() {
    return MessageType.STATE_RESPONSE;
  }

  @Override
  public void writeBody(CanonicalWriter w) {
    w.writeList(blocks, (writer, b) -> b.write(writer));
  }

  static StateResponse read(CanonicalReader r) {
    return new StateResponse(r.readList(MAX_BLOCKS, Block::read));
  }
}
