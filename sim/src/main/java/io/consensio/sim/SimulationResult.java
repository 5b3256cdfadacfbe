package io.consensio.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What a simulation run found. The first nine fields are the CLI's JSON contract.
 *
 * @param committedTxs client transactions seen final
 * @param height highest finalized height on any node at the end
 * @param minHeight lowest finalized height on any node at the end
 * @param safetyViolations distinct safety violations the invariant checkers found
 * @param committedTxsLost final transactions a node lost (e.g. across a crash)
 * @param traceHash SHA-256 over every event of the run; equal for equal config and seed
 * @param pendingTxs submitted transactions still not final at the end (liveness failures)
 */
public record SimulationResult(
    String consensus,
    int nodes,
    long seed,
    double simulatedSeconds,
    long committedTxs,
    long height,
    long safetyViolations,
    long committedTxsLost,
    String traceHash,
    long minHeight,
    long submittedTxs,
    long pendingTxs,
    double p50LatencyMs,
    double p99LatencyMs,
    long messagesSent,
    long messagesDropped,
    long events,
    String faults,
    List<String> violations,
    String replayCommand) {
  public SimulationResult {
    violations = List.copyOf(violations);
  }

  public boolean isSafe() {
    return safetyViolations == 0 && committedTxsLost == 0;
  }

  /** Safe, and every submitted transaction became final once the faults stopped. */
  public boolean isLive() {
    return pendingTxs == 0 && committedTxs > 0;
  }

  public String toJson() {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode json = mapper.createObjectNode();
    json.put("consensus", consensus);
    json.put("nodes", nodes);
    json.put("seed", seed);
    json.put("simulatedSeconds", simulatedSeconds);
    json.put("committedTxs", committedTxs);
    json.put("height", height);
    json.put("safetyViolations", safetyViolations);
    json.put("committedTxsLost", committedTxsLost);
    json.put("traceHash", traceHash);
    json.put("minHeight", minHeight);
    json.put("submittedTxs", submittedTxs);
    json.put("pendingTxs", pendingTxs);
    json.put("p50LatencyMs", p50LatencyMs);
    json.put("p99LatencyMs", p99LatencyMs);
    json.put("messagesSent", messagesSent);
    json.put("messagesDropped", messagesDropped);
    json.put("events", events);
    json.put("faults", faults);
    json.putPOJO("violations", violations);
    json.put("replay", replayCommand);
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
