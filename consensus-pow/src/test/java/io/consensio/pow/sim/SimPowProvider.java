package io.consensio.pow.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consensio.api.ConsensusConfigException;
import io.consensio.api.ConsensusContext;
import io.consensio.api.ConsensusEngine;
import io.consensio.api.ConsensusProvider;
import io.consensio.api.Membership;
import io.consensio.api.services.Cancellable;
import io.consensio.api.services.Compute;
import io.consensio.api.types.NodeId;
import io.consensio.pow.PowConfig;
import io.consensio.pow.PowEngine;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * {@code consensus.type: pow-sim}: the real {@link PowEngine} with per-node settings the shared
 * simulator section cannot express. Section: {@code {"pow": {...}, "workers": {"node-04": 8},
 * "checkpointHolder": "node-00", "ignoresCheckpoints": "node-04"}}.
 *
 * <p>A node listed under {@code workers} runs that many parallel nonce-search tasks; its compute
 * service reports that parallelism, and since the simulator runs each task at the configured speed
 * independently, the node's hash rate is that many times the others' — a miner with more hardware.
 * {@code checkpointHolder} names the member whose key signs checkpoints; the node named by {@code
 * ignoresCheckpoints} runs without them, as an attacker would.
 */
public final class SimPowProvider implements ConsensusProvider {
  @Override
  public String name() {
    return "pow-sim";
  }

  @Override
  public String description() {
    return "proof of work with per-node hash power, for simulations";
  }

  @Override
  public void validateConfig(JsonNode section, Membership membership) {
    PowConfig.parse(section.get("pow"));
  }

  @Override
  public ConsensusEngine create(ConsensusContext context) {
    JsonNode section = context.config();
    ObjectNode pow =
        section.has("pow")
            ? ((ObjectNode) section.get("pow")).deepCopy()
            : JsonNodeFactory.instance.objectNode();
    int workers = section.path("workers").path(context.self().value()).asInt(1);
    pow.put("workers", workers);
    boolean obeysCheckpoints =
        !section.path("ignoresCheckpoints").asText("").equals(context.self().value());
    if (section.has("checkpointHolder") && obeysCheckpoints) {
      NodeId holder = NodeId.of(section.get("checkpointHolder").asText());
      pow.put(
          "checkpointKey",
          context
              .membership()
              .member(holder)
              .orElseThrow(() -> new ConsensusConfigException("checkpointHolder", "not a member"))
              .publicKey()
              .toHex());
    }
    return new PowEngine(new ParallelContext(context, workers), PowConfig.parse(pow));
  }

  /** The context with a compute service that admits {@code parallelism} tasks at once. */
  private static final class ParallelContext extends DelegatingContext {
    private final Compute compute;

    ParallelContext(ConsensusContext delegate, int parallelism) {
      super(delegate);
      Compute inner = delegate.compute();
      this.compute =
          new Compute() {
            @Override
            public <T> Cancellable submit(long workUnits, Callable<T> task, Consumer<T> onDone) {
              return inner.submit(workUnits, task, onDone);
            }

            @Override
            public int parallelism() {
              return parallelism;
            }
          };
    }

    @Override
    public Compute compute() {
      return compute;
    }
  }
}
