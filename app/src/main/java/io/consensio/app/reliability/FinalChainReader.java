package io.consensio.app.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.consensio.runtime.client.NodeClient;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the final chain says about key/value writes, read over the HTTP API from whichever node
 * answers: the value of a key just before a given position (height, index in block) of the final
 * chain. Final blocks are read once and remembered; if two nodes ever report different final blocks
 * at one height, that is counted (it would be a safety violation).
 *
 * <p>Thread-safe: every method is synchronized (the chaos clients share one reader).
 */
final class FinalChainReader {
  private static final HexFormat HEX = HexFormat.of();

  private final List<NodeClient> nodes;
  private final Map<Long, String> blockIdAt = new TreeMap<>();

  /** key -> (position -> value written there); position = height * 2^20 + index. */
  private final Map<String, TreeMap<Long, String>> writes = new TreeMap<>();

  private long loadedHeight;
  private long divergentBlocks;

  FinalChainReader(List<NodeClient> nodes) {
    this.nodes = nodes;
  }

  /** The value of {@code key} just before (height, index), or null when never written before. */
  synchronized String valueBefore(String key, long height, int index) {
    while (loadedHeight < height) {
      load(loadedHeight + 1);
    }
    TreeMap<Long, String> byPosition = writes.get(key);
    if (byPosition == null) {
      return null;
    }
    Map.Entry<Long, String> last = byPosition.lowerEntry(position(height, index));
    return last == null ? null : last.getValue();
  }

  synchronized long divergentBlocks() {
    return divergentBlocks;
  }

  /** Records the block id a node reported final at {@code height}; counts a disagreement. */
  synchronized void reportFinal(long height, String blockId) {
    String known = blockIdAt.putIfAbsent(height, blockId);
    if (known != null && !known.equals(blockId)) {
      divergentBlocks++;
    }
  }

  private void load(long height) {
    Random random = ThreadLocalRandom.current();
    for (int attempt = 0; ; attempt++) {
      NodeClient node = nodes.get(random.nextInt(nodes.size()));
      Optional<JsonNode> block;
      try {
        block = node.block(height);
      } catch (RuntimeException unreachable) {
        block = Optional.empty();
      }
      if (block.isPresent() && block.get().path("final").asBoolean()) {
        apply(height, block.get());
        return;
      }
      if (attempt > 200) {
        throw new IllegalStateException("no node reports a final block at height " + height);
      }
      sleep(50);
    }
  }

  private void apply(long height, JsonNode block) {
    reportFinal(height, block.path("id").asText());
    JsonNode txs = block.path("transactions");
    for (int i = 0; i < txs.size(); i++) {
      JsonNode payload = txs.get(i).path("payload");
      if (payload.path("type").asText().equals("kv-put")) {
        String key = text(payload.path("key").asText());
        writes
            .computeIfAbsent(key, k -> new TreeMap<>())
            .put(position(height, i), text(payload.path("value").asText()));
      }
    }
    loadedHeight = height;
  }

  private static long position(long height, int index) {
    return (height << 20) + index;
  }

  private static String text(String hex) {
    return new String(HEX.parseHex(hex), StandardCharsets.UTF_8);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
