package io.consensio.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.consensio.app.reliability.Campaign;
import io.consensio.sim.Simulation;
import io.consensio.sim.SimulationConfig;
import io.consensio.sim.SimulationResult;
import io.consensio.sim.fault.FaultPlan;
import io.consensio.sim.load.LoadConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code consensio simulate}: one deterministic simulator run from the command line. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Runs N nodes of a consensus module in the deterministic simulator: virtual time, a",
      "simulated network, crashable disks and seeded faults, with invariant checkers watching.",
      "The same arguments replay the same run (compare traceHash).",
      "With --campaign, runs many seeds per engine, each drawing its own fault mix and",
      "byzantine nodes, and prints safety, durability, forgery and liveness figures."
    })
final class SimulateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--consensus", description = "consensus.type to run, e.g. poa")
  String consensus;

  @Option(
      names = "--campaign",
      description = "run a seeded fault campaign (see --engine, --seeds, --first-seed)")
  boolean campaign;

  @Option(
      names = "--engine",
      defaultValue = "all",
      description = "campaign: engine to run, or all (default ${DEFAULT-VALUE})")
  String engine;

  @Option(
      names = "--seeds",
      defaultValue = "100",
      description = "campaign: seeds per engine (default ${DEFAULT-VALUE})")
  int seeds;

  @Option(
      names = "--first-seed",
      defaultValue = "1",
      description = "campaign: first seed (default ${DEFAULT-VALUE})")
  long firstSeed;

  @Option(
      names = "--nodes",
      defaultValue = "4",
      description = "cluster size (default ${DEFAULT-VALUE})")
  int nodes;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "master seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--duration",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description = "virtual time with load and faults (default ${DEFAULT-VALUE})")
  long durationMillis;

  @Option(
      names = "--settle",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description =
          "virtual time after the faults heal, to finish the work (default ${DEFAULT-VALUE})")
  long settleMillis;

  @Option(
      names = "--faults",
      defaultValue = "none",
      description = "fault mix, e.g. loss=0.1,dup=0.01,reorder=0.05,partition,crash,pause,skew")
  String faults;

  @Option(names = "--rate", defaultValue = "50", description = "client transactions per second")
  double rate;

  @Option(names = "--json", description = "print one JSON object with the results")
  boolean json;

  @Option(
      names = "--engine-config",
      description =
          "the engine's own section (the consensus.<type> keys): a YAML or JSON file, or inline"
              + " JSON starting with '{'")
  String engineConfig;

  @Option(names = "--clients", description = "simulated client accounts (default 10)")
  Integer clients;

  @Option(
      names = "--max-pending-per-client",
      description = "a client waits once this many of its transactions are not final (default 8)")
  Integer maxPendingPerClient;

  @Option(
      names = "--resubmit-after",
      converter = DurationConverter.class,
      description =
          "a transaction not final this long after it was sent is sent again (default 5s)")
  Long resubmitAfterMillis;

  @Option(
      names = "--max-crashes",
      description = "most nodes crashed at once (default (nodes - 1) / 3)")
  Integer maxCrashes;

  @Option(
      names = "--compute-rate",
      description = "each node's simulated speed for CPU work, e.g. hashes per second for pow")
  Double computeRate;

  /** The section from inline JSON (what replay commands print) or from a YAML / JSON file. */
  private static JsonNode readSection(String fileOrJson) {
    boolean inline = fileOrJson.stripLeading().startsWith("{");
    try {
      JsonNode section =
          inline
              ? new YAMLMapper().readTree(fileOrJson)
              : new YAMLMapper().readTree(Path.of(fileOrJson).toFile());
      if (section == null || !section.isObject()) {
        throw new IllegalArgumentException(fileOrJson + " must hold a mapping of engine settings");
      }
      return section;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + fileOrJson + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (campaign) {
      if (seeds < 1) {
        throw new ParameterException(spec.commandLine(), "--seeds must be at least 1");
      }
      boolean safeAndLive =
          Campaign.run(engine, seeds, firstSeed, out).stream()
              .allMatch(r -> r.failures().isEmpty());
      return safeAndLive ? 0 : 1;
    }
    if (consensus == null) {
      throw new ParameterException(
          spec.commandLine(), "--consensus is required (or --campaign to run a campaign)");
    }
    SimulationConfig base = SimulationConfig.of(consensus, nodes, seed);
    LoadConfig load = base.load().withRate(rate);
    if (clients != null) {
      load = load.withClients(clients);
    }
    if (maxPendingPerClient != null) {
      load = load.withMaxPendingPerClient(maxPendingPerClient);
    }
    if (resubmitAfterMillis != null) {
      load = load.withResubmitAfterMicros(resubmitAfterMillis * 1_000);
    }
    SimulationConfig config =
        base.withFaults(FaultPlan.parse(faults))
            .withDurations(durationMillis, settleMillis)
            .withLoad(load);
    if (maxCrashes != null) {
      config = config.withMaxConcurrentCrashes(maxCrashes);
    }
    if (engineConfig != null) {
      config = config.withConsensusSection(readSection(engineConfig));
    }
    if (computeRate != null) {
      config = config.withComputeUnitsPerSecond(computeRate);
    }
    SimulationResult result = new Simulation(config).run();
    if (json) {
      out.println(result.toJson());
    } else {
      out.printf(
          "%s, %d nodes, seed %d, %.1f simulated s, faults %s%n",
          result.consensus(),
          result.nodes(),
          result.seed(),
          result.simulatedSeconds(),
          result.faults());
      out.printf(
          "committed %d of %d client transactions, finalized height %d (lowest node %d)%n",
          result.committedTxs(), result.submittedTxs(), result.height(), result.minHeight());
      out.printf(
          "latency to finality p50 %.1f ms, p99 %.1f ms; %d messages, %d dropped%n",
          result.p50LatencyMs(),
          result.p99LatencyMs(),
          result.messagesSent(),
          result.messagesDropped());
      out.printf(
          "safety violations %d, committed transactions lost %d, still pending %d%n",
          result.safetyViolations(), result.committedTxsLost(), result.pendingTxs());
      out.println("trace " + result.traceHash());
    }
    if (!result.isSafe()) {
      spec.commandLine().getErr().println("UNSAFE RUN, replay with: " + result.replayCommand());
      result.violations().forEach(v -> spec.commandLine().getErr().println("  " + v));
      return 1;
    }
    return 0;
  }
}
