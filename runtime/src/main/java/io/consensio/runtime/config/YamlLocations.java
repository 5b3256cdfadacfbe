package io.consensio.runtime.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each key of a YAML document is, by dotted key ({@code peers[1].publicKey}). Jackson's trees
 * and bound objects forget positions, so errors found after binding (a bad port, a duplicate peer)
 * look the position up here. One pass over the tokens; built only for files that already parsed.
 */
final class YamlLocations {
  private final Map<String, JsonLocation> byKey;

  private YamlLocations(Map<String, JsonLocation> byKey) {
    this.byKey = byKey;
  }

  static YamlLocations index(YAMLFactory factory, String yaml) throws IOException {
    Map<String, JsonLocation> byKey = new HashMap<>();
    try (JsonParser parser = factory.createParser(yaml)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        JsonStreamContext context = parser.getParsingContext();
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          context = context.getParent(); // the new container's position is in its parent
        }
        boolean keyOrElement = token == JsonToken.FIELD_NAME || context.inArray();
        String key = dotted(context);
        if (keyOrElement || key.isEmpty()) {
          byKey.putIfAbsent(key, parser.currentTokenLocation());
        }
      }
    }
    return new YamlLocations(byKey);
  }

  boolean isEmpty() {
    return byKey.isEmpty();
  }

  /** The dotted key of the position a parser context is at. */
  static String dotted(JsonStreamContext context) {
    if (context == null || context.inRoot()) {
      return "";
    }
    String parent = dotted(context.getParent());
    if (context.inArray()) {
      return parent + "[" + Math.max(context.getCurrentIndex(), 0) + "]";
    }
    String name = context.getCurrentName();
    if (name == null) {
      return parent;
    }
    return parent.isEmpty() ? name : parent + "." + name;
  }

  /**
   * The location of {@code key}, or of its nearest enclosing key that is in the file (a missing key
   * is reported where its parent mapping is), or null for an empty document.
   */
  JsonLocation find(String key) {
    String current = key;
    while (true) {
      JsonLocation location = byKey.get(current);
      if (location != null || current.isEmpty()) {
        return location;
      }
      current = parentOf(current);
    }
  }

  private static String parentOf(String key) {
    int cut = Math.max(key.lastIndexOf('.'), key.lastIndexOf('['));
    return cut <= 0 ? "" : key.substring(0, cut);
  }
}
