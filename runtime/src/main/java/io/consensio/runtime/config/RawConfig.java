package io.consensio.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The file as Jackson binds it: the shape (which keys exist, which are mappings or lists) with
 * every value still as written. Jackson rejects unknown keys and wrong shapes with a location;
 * {@link ConfigValidator} then checks the values and builds the typed {@link NodeConfig}. Absent
 * keys are null.
 */
record RawConfig(
    RawNode node,
    RawNetwork network,
    List<RawPeer> peers,
    JsonNode consensus,
    RawApi api,
    RawMetrics metrics,
    String genesis) {

  record RawNode(String id, String keyFile, String listen, String dataDir) {}

  record RawNetwork(String id) {}

  record RawPeer(String id, String address, String publicKey) {}

  record RawApi(Boolean enabled, String listen) {}

  record RawMetrics(Boolean enabled) {}
}
