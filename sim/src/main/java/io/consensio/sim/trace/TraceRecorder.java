package io.consensio.sim.trace;

import io.consensio.api.types.NodeId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A running SHA-256 over everything that happens in a run, so two runs can be compared by one
 * string: equal seeds must give equal {@link #traceHash()}es, and the first run whose hash differs
 * has lost determinism somewhere.
 *
 * <p>Each event feeds its virtual time, node, kind and payload into the digest with length prefixes
 * (so no two different event sequences feed the same bytes). Payloads are hashed, never stored, so
 * recording costs one digest update per byte and no memory.
 *
 * <p>Threading: single-threaded, like the event queue that drives it.
 */
public final class TraceRecorder {
  private final MessageDigest digest;
  private final byte[] longBuffer = new byte[8];
  private long eventCount;

  public TraceRecorder() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK must provide SHA-256", e);
    }
  }

  /**
   * Records one event.
   *
   * @param timeMicros virtual time of the event
   * @param node the node it happened on, or null for events of the whole simulation
   * @param kind what happened ({@code send}, {@code deliver}, {@code crash}, ...)
   * @param payload bytes the event carried, or null
   */
  public void record(long timeMicros, NodeId node, String kind, byte[] payload) {
    updateLong(timeMicros);
    updateString(node == null ? "" : node.value());
    updateString(kind);
    if (payload == null) {
      updateLong(-1);
    } else {
      updateLong(payload.length);
      digest.update(payload);
    }
    eventCount++;
  }

  /** Records an event described by a number (a clock skew, a peer count) instead of bytes. */
  public void record(long timeMicros, NodeId node, String kind, long detail) {
    updateLong(timeMicros);
    updateString(node == null ? "" : node.value());
    updateString(kind);
    updateLong(-2);
    updateLong(detail);
    eventCount++;
  }

  /** Events recorded so far. */
  public long eventCount() {
    return eventCount;
  }

  /**
   * Hex SHA-256 of every event recorded so far. Does not disturb the running digest, so it can be
   * read mid-run.
   */
  public String traceHash() {
    try {
      MessageDigest copy = (MessageDigest) digest.clone();
      return HexFormat.of().formatHex(copy.digest());
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's SHA-256 digest must be cloneable", e);
    }
  }

  private void updateString(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    updateLong(bytes.length);
    digest.update(bytes);
  }

  private void updateLong(long value) {
    for (int i = 0; i < 8; i++) {
      longBuffer[i] = (byte) (value >>> (56 - 8 * i));
    }
    digest.update(longBuffer);
  }
}
