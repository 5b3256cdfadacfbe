package io.consensio.raft.sim;

import io.consensio.api.EngineStatus;
import io.consensio.api.services.Scheduler;
import io.consensio.api.types.NodeId;
import io.consensio.raft.RaftEngine;
import io.consensio.sim.SimNode;
import io.consensio.sim.Simulation;
import io.consensio.sim.SimulationConfig;
import io.consensio.sim.SimulationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Steps of a simulator scenario at fixed virtual times, each run once. Every node's scheduler gets
 * every step that is still ahead (again after a restart); the first node to reach a step's time
 * runs it and the others skip it, so a step happens even if some nodes are down. Deterministic:
 * virtual time and the simulation's event order decide everything.
 */
final class Script {
  private static final class Step {
    final long atMillis;
    final Consumer<Simulation> action;
    boolean done;

    Step(long atMillis, Consumer<Simulation> action) {
      this.atMillis = atMillis;
      this.action = action;
    }
  }

  private final List<Step> steps = new ArrayList<>();
  private Simulation simulation;

  Script at(long atMillis, Consumer<Simulation> action) {
    steps.add(new Step(atMillis, action));
    return this;
  }

  /** A finished run. */
  record Run(Simulation simulation, SimulationResult result) {}

  /** Runs {@code config}'s simulation with this script. */
  Run run(SimulationConfig config) {
    return ScriptedRaftProvider.with(
        this,
        () -> {
          simulation = new Simulation(config);
          return new Run(simulation, simulation.run());
        });
  }

  void attach(Scheduler scheduler) {
    long now = scheduler.nowMillis();
    for (Step step : steps) {
      if (!step.done && step.atMillis >= now) {
        scheduler.schedule(
            step.atMillis - now,
            () -> {
              if (!step.done) {
                step.done = true;
                step.action.accept(simulation);
              }
            });
      }
    }
  }

  // ---- what steps and assertions look at ----

  static Optional<RaftEngine> engine(Simulation sim, NodeId id) {
    SimNode node = sim.nodes().get(id);
    return node.core() == null ? Optional.empty() : Optional.of((RaftEngine) node.core().engine());
  }

  /** The running node that leads the highest term, if any. */
  static Optional<NodeId> leader(Simulation sim) {
    NodeId best = null;
    long bestTerm = -1;
    for (NodeId id : sim.nodes().keySet()) {
      Optional<RaftEngine> engine = engine(sim, id);
      if (engine.isPresent()) {
        EngineStatus status = engine.get().status();
        if (status.role().equals("leader") && status.round() > bestTerm) {
          best = id;
          bestTerm = status.round();
        }
      }
    }
    return Optional.ofNullable(best);
  }

  static long finalizedHeight(Simulation sim, NodeId id) {
    SimNode node = sim.nodes().get(id);
    return node.core() == null ? -1 : node.core().chain().finalizedHead().height();
  }

  static long commitIndex(Simulation sim, NodeId id) {
    return engine(sim, id).map(e -> (Long) e.status().details().get("commitIndex")).orElse(-1L);
  }
}
