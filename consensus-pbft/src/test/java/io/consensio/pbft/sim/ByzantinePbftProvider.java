package io.consensio.pbft.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consensio.api.ConsensusContext;
import io.consensio.api.ConsensusEngine;
import io.consensio.api.ConsensusProvider;
import io.consensio.api.EngineStatus;
import io.consensio.api.Membership;
import io.consensio.api.SealVerdict;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.services.Metrics;
import io.consensio.api.services.Network;
import io.consensio.api.types.Block;
import io.consensio.api.types.NodeId;
import io.consensio.pbft.PbftConfig;
import io.consensio.pbft.PbftEngine;
import io.consensio.pbft.auth.MacAuthenticator;
import java.util.function.DoubleSupplier;

/**
 * {@code consensus.type: pbft-byzantine}, test scope only: the real {@link PbftEngine} on every
 * node of a simulation, where the nodes named in the section's {@code byzantine} object (id to
 * {@link WireAdversary.Behaviour}) have their outgoing messages rewritten, and the honest nodes
 * report whether they dropped each forged message they were handed. Everything else in the section
 * is the ordinary {@code consensus.pbft} configuration. This is how the {@code sim} module's
 * Simulation — real node core, Ed25519, simulated network with loss, partitions and crash-restart —
 * hosts byzantine replicas without a change to the simulator.
 */
public final class ByzantinePbftProvider implements ConsensusProvider {
  public static final String NAME = "pbft-byzantine";
  private static final String BYZANTINE = "byzantine";

  private final Shared shared = new Shared();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "PBFT with scripted byzantine replicas (tests only)";
  }

  @Override
  public void validateConfig(JsonNode section, Membership membership) {
    PbftConfig.parse(pbftSection(section), membership);
  }

  /** Forged messages honest replicas were handed, in this provider's simulation. */
  public long forgedDelivered() {
    return shared.forgedDelivered();
  }

  /** Forged messages an honest replica handled without counting a drop: must stay 0. */
  public long forgedAccepted() {
    return shared.forgedAccepted();
  }

  @Override
  public ConsensusEngine create(ConsensusContext context) {
    JsonNode section = context.config();
    JsonNode role = section.path(BYZANTINE).path(context.self().value());
    JsonNode pbft = pbftSection(section);
    PbftConfig config = PbftConfig.parse(pbft, context.membership());
    shared.announcements.add(
        new MacAuthenticator(context.self(), context.membership(), context.signer())
            .announcement(false));
    if (role.isTextual()) {
      WireAdversary adversary =
          new WireAdversary(
              context,
              WireAdversary.Behaviour.valueOf(role.asText()),
              shared,
              config.authentication());
      Network wire = rewritingNetwork(context, adversary);
      return new PbftEngine(
          new InterceptingContext(context, pbft, wire, context.metrics()), config);
    }
    shared.honest(context.self());
    DropCounter drops = new DropCounter(context.metrics());
    PbftEngine engine =
        new PbftEngine(new InterceptingContext(context, pbft, context.network(), drops), config);
    return new ReportingEngine(engine, drops, shared);
  }

  private static JsonNode pbftSection(JsonNode section) {
    ObjectNode copy = JsonNodeFactory.instance.objectNode();
    if (section != null && section.isObject()) {
      copy.setAll((ObjectNode) section);
      copy.remove(BYZANTINE);
    }
    return copy;
  }

  private static Network rewritingNetwork(ConsensusContext context, WireAdversary adversary) {
    return new Network() {
      @Override
      public void send(NodeId to, byte[] payload) {
        byte[] out = adversary.rewrite(to, payload);
        if (out != null) {
          context.network().send(to, out);
        }
      }

      @Override
      public void broadcast(byte[] payload) {
        // Per recipient, so that an equivocating primary can tell each one something else.
        for (NodeId to : context.membership().ids()) {
          if (!to.equals(context.self())) {
            send(to, payload);
          }
        }
      }
    };
  }

  /** The node's metrics, with a running count of {@code pbft.dropped}. */
  private static final class DropCounter implements Metrics {
    private final Metrics real;
    long dropped;

    DropCounter(Metrics real) {
      this.real = real;
    }

    @Override
    public void increment(String name, String... tags) {
      add(name, 1, tags);
    }

    @Override
    public void add(String name, long amount, String... tags) {
      if (name.equals("pbft.dropped")) {
        dropped += amount;
      }
      real.add(name, amount, tags);
    }

    @Override
    public void record(String name, double value, String... tags) {
      real.record(name, value, tags);
    }

    @Override
    public void gauge(String name, DoubleSupplier value, String... tags) {
      real.gauge(name, value, tags);
    }
  }

  /** An honest replica that tells {@link Shared} whether it dropped each forged message. */
  private record ReportingEngine(PbftEngine engine, DropCounter drops, Shared shared)
      implements ConsensusEngine {
    @Override
    public void start() {
      engine.start();
    }

    @Override
    public void onMessage(NodeId from, byte[] payload) {
      if (!shared.isForgery(payload)) {
        engine.onMessage(from, payload);
        return;
      }
      long before = drops.dropped;
      engine.onMessage(from, payload);
      shared.forgedDelivered(drops.dropped > before);
    }

    @Override
    public void onTransactionsAvailable() {
      engine.onTransactionsAvailable();
    }

    @Override
    public SealVerdict checkSeal(Block block, LedgerState parentState) {
      return engine.checkSeal(block, parentState);
    }

    @Override
    public EngineStatus status() {
      return engine.status();
    }

    @Override
    public void stop() {
      engine.stop();
    }
  }
}
