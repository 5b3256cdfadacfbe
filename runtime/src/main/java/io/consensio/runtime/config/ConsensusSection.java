package io.consensio.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code consensus} section: which engine runs ({@code type}, the {@code ConsensusProvider}
 * name) and one free-form mapping per engine name ({@code consensus.raft: {...}}). The runtime does
 * not know any engine's settings, so the sections are kept as Jackson trees for the engine's
 * provider to validate; several may be present so one file can be switched between engines.
 *
 * <p>Immutable: the trees are copied in and copied out.
 */
public record ConsensusSection(String type, Map<String, JsonNode> sections) {
  public ConsensusSection {
    Objects.requireNonNull(type, "type");
    if (type.isBlank()) {
      throw new IllegalArgumentException("consensus type must not be empty");
    }
    Map<String, JsonNode> copy = new LinkedHashMap<>();
    sections.forEach(
        (name, tree) -> {
          if (!tree.isObject()) {
            throw new IllegalArgumentException("consensus." + name + " must be a mapping");
          }
          copy.put(name, tree.deepCopy());
        });
    sections = Collections.unmodifiableMap(copy);
  }

  /** Every engine section, in file order; the trees are copies. */
  @Override
  public Map<String, JsonNode> sections() {
    Map<String, JsonNode> copy = new LinkedHashMap<>();
    sections.forEach((name, tree) -> copy.put(name, tree.deepCopy()));
    return Collections.unmodifiableMap(copy);
  }

  /** The section of the engine that runs, or an empty mapping (all defaults) when absent. */
  public ObjectNode engineSection() {
    JsonNode tree = sections.get(type);
    return tree == null ? JsonNodeFactory.instance.objectNode() : (ObjectNode) tree.deepCopy();
  }
}
