package io.consensio.runtime.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a node's YAML configuration file into a validated {@link NodeConfig}, or fails with one
 * {@link ConfigException} that names the file, the line and column, the dotted key and what was
 * expected. Relative paths in the file are resolved against the file's own directory, so a config
 * works from whatever directory the node is started in.
 *
 * <p>Reads the node's key file only when the node lists itself among the peers, to check that the
 * listed key is its own. Stateless and thread-safe.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /**
   * Loads and validates {@code file}.
   *
   * @throws ConfigException for a missing or unreadable file, a YAML syntax error, an unknown or
   *     missing key, or a bad value
   */
  public static NodeConfig load(Path file) {
    Path path = file.toAbsolutePath().normalize();
    String yaml = readText(file, path);
    YAMLMapper mapper = mapper();
    YamlLocations locations = null; // stays null when the file has a syntax error
    RawConfig raw;
    try {
      // One pass over every token first: syntax errors are reported before any binding error,
      // and binding errors can be placed at their key rather than where Jackson stopped reading.
      locations = YamlLocations.index(mapper.getFactory(), yaml);
      if (locations.isEmpty()) {
        throw new ConfigException(
            file,
            0,
            0,
            "",
            "the file is empty; expected a mapping with " + topLevelKeys(),
            null,
            null);
      }
      raw = mapper.readValue(yaml, RawConfig.class);
      if (raw == null) {
        // a document that is only YAML's null (`~`, `null`): nothing to configure, like an empty
        // one
        throw new ConfigException(
            file,
            1,
            1,
            "",
            "the document is null; expected a mapping with " + topLevelKeys(),
            null,
            null);
      }
    } catch (JsonProcessingException e) {
      throw translate(file, e, locations);
    } catch (IOException e) {
      throw new ConfigException(file, 0, 0, "", "cannot be parsed: " + e, null, e);
    }
    return new ConfigValidator(file, path.getParent(), locations).validate(raw);
  }

  static YAMLMapper mapper() {
    YAMLMapper mapper = new YAMLMapper(YAMLFactory.builder().build());
    mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    // A key written twice is a mistake whose second value would silently win.
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    return mapper;
  }

  private static String readText(Path file, Path path) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .decode(ByteBuffer.wrap(Files.readAllBytes(path)))
          .toString();
    } catch (NoSuchFileException e) {
      throw new ConfigException(file, 0, 0, "", "config file does not exist", null, e);
    } catch (CharacterCodingException e) {
      throw new ConfigException(file, 0, 0, "", "is not UTF-8 text", null, e);
    } catch (IOException e) {
      throw new ConfigException(file, 0, 0, "", "cannot be read: " + e, null, e);
    }
  }

  private static ConfigException translate(
      Path file, JsonProcessingException e, YamlLocations locations) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      String key = keyOf(unknown.getPath());
      String parent = key.contains(".") ? key.substring(0, key.lastIndexOf('.')) : "";
      return located(
          file,
          at(locations, key, e),
          key,
          "unknown key '" + unknown.getPropertyName() + "'",
          (parent.isEmpty() ? "valid top-level keys are " : "valid keys under " + parent + " are ")
              + sorted(unknown.getKnownPropertyIds()),
          e);
    }
    if (e instanceof InvalidFormatException invalid) {
      String key = keyOf(invalid.getPath());
      return located(
          file,
          at(locations, key, e),
          key,
          "expected " + describe(invalid.getTargetType()) + ", got '" + invalid.getValue() + "'",
          null,
          e);
    }
    if (e instanceof MismatchedInputException mismatched) {
      String key = keyOf(mismatched.getPath());
      return located(
          file,
          at(locations, key, e),
          key,
          "expected " + describe(mismatched.getTargetType()),
          key.isEmpty() ? "the file must be a mapping with " + topLevelKeys() : null,
          e);
    }
    if (e instanceof JsonMappingException mapping) {
      String key = keyOf(mapping.getPath());
      return located(file, at(locations, key, e), key, mapping.getOriginalMessage(), null, e);
    }
    if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
      // SnakeYAML's own problem text, without its multi-line excerpt of the file.
      return new ConfigException(
          file,
          yaml.getProblemMark().getLine() + 1,
          yaml.getProblemMark().getColumn() + 1,
          keyAtFailure(e),
          "YAML syntax error: " + problemText(yaml),
          null,
          e);
    }
    return located(
        file,
        e.getLocation(),
        keyAtFailure(e),
        "YAML syntax error: " + e.getOriginalMessage(),
        null,
        e);
  }

  private static JsonLocation at(YamlLocations locations, String key, JsonProcessingException e) {
    JsonLocation known = locations == null ? null : locations.find(key);
    return known != null ? known : e.getLocation();
  }

  private static String problemText(MarkedYAMLException yaml) {
    String problem = yaml.getProblem();
    String context = yaml.getContext();
    return context == null ? problem : problem + " (" + context + ")";
  }

  private static String keyAtFailure(JsonProcessingException e) {
    if (e instanceof JsonParseException parse && parse.getProcessor() != null) {
      return YamlLocations.dotted(parse.getProcessor().getParsingContext());
    }
    return "";
  }

  private static ConfigException located(
      Path file, JsonLocation at, String key, String problem, String hint, Throwable cause) {
    int line = at == null ? 0 : Math.max(at.getLineNr(), 0);
    int column = at == null ? 0 : Math.max(at.getColumnNr(), 0);
    return new ConfigException(file, line, column, key, problem, hint, cause);
  }

  static String keyOf(List<JsonMappingException.Reference> path) {
    StringBuilder key = new StringBuilder();
    for (JsonMappingException.Reference reference : path) {
      if (reference.getFieldName() != null) {
        if (key.length() > 0) {
          key.append('.');
        }
        key.append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        key.append('[').append(reference.getIndex()).append(']');
      }
    }
    return key.toString();
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "a different kind of value";
    }
    if (type == String.class) {
      return "a single value (text or number)";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    if (type.isRecord() || Map.class.isAssignableFrom(type) || type.getName().contains("Node")) {
      return "a mapping (key: value lines)";
    }
    return "a value of type " + type.getSimpleName();
  }

  private static String topLevelKeys() {
    return sorted(
        Arrays.stream(RawConfig.class.getRecordComponents())
            .map(RecordComponent::getName)
            .toList());
  }

  private static String sorted(Collection<?> names) {
    return new TreeSet<>(names.stream().map(String::valueOf).toList())
        .stream().collect(Collectors.joining(", "));
  }
}
