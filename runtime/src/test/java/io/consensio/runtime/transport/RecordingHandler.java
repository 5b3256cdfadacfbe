package io.consensio.runtime.transport;

import io.consensio.api.types.NodeId;
import io.consensio.runtime.net.InboundHandler;
import io.consensio.runtime.net.MessageChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every inbound message with the thread it was delivered on. */
final class RecordingHandler implements InboundHandler {
  record Received(NodeId from, MessageChannel channel, String text, String thread) {}

  private final List<Received> received = new CopyOnWriteArrayList<>();

  @Override
  public void onMessage(NodeId from, MessageChannel channel, byte[] payload) {
    received.add(
        new Received(
            from,
            channel,
            new String(payload, StandardCharsets.UTF_8),
            Thread.currentThread().getName()));
  }

  List<Received> all() {
    return List.copyOf(received);
  }

  List<String> textsFrom(NodeId from) {
    return received.stream().filter(r -> r.from().equals(from)).map(Received::text).toList();
  }

  boolean has(NodeId from, MessageChannel channel, String text) {
    return received.stream()
        .anyMatch(r -> r.from().equals(from) && r.channel() == channel && r.text().equals(text));
  }
}
