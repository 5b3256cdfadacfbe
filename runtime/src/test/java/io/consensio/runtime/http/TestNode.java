package io.consensio.runtime.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.consensio.api.Member;
import io.consensio.api.Membership;
import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.services.Compute;
import io.consensio.api.types.NodeId;
import io.consensio.runtime.ledger.Genesis;
import io.consensio.runtime.metrics.MicrometerMetrics;
import io.consensio.runtime.net.MessageChannel;
import io.consensio.runtime.net.PeerMessenger;
import io.consensio.runtime.node.ConsensusRegistry;
import io.consensio.runtime.node.EventLoopScheduler;
import io.consensio.runtime.node.NodeCore;
import io.consensio.runtime.node.NodeSpec;
import io.consensio.runtime.node.Platform;
import io.consensio.runtime.state.LedgerRules;
import io.consensio.runtime.state.TestKeys;
import io.consensio.runtime.storage.InMemoryStorageProvider;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real node core (ledger, mempool, the "instant" engine) on a real event loop, served by a real
 * HTTP API on a loopback port. One member, so the peer messenger has nobody to talk to. The engine
 * is not started until {@link #startEngine()}, so a test can see a transaction pending first.
 */
public final class TestNode implements AutoCloseable {
  public static final long CLIENT_BALANCE = 1_000_000;

  public final Ed25519KeyPair nodeKey = TestKeys.key(1);
  public final Ed25519KeyPair client = TestKeys.key(2);
  public final Ed25519KeyPair stranger = TestKeys.key(3);
  public final NodeSpec spec;
  public final MicrometerMetrics metrics = new MicrometerMetrics();
  public final EventLoopScheduler loop = new EventLoopScheduler("node-1-loop", metrics);
  public final NodeCore core;
  public final HttpApiServer server;
  public final URI uri;

  public TestNode() {
    this(JsonNodeFactory.instance.objectNode(), HttpApiConfig.DEFAULT.maxBodyBytes());
  }

  public TestNode(JsonNode engineConfig, int maxBodyBytes) {
    NodeId id = NodeId.of("node-1");
    Membership membership = new Membership(List.of(new Member(id, nodeKey.publicKey())));
    Genesis genesis =
        new Genesis(
            "http-test",
            0,
            List.of(
                new Genesis.GenesisAccount(nodeKey.publicKey(), 1_000_000, 1_000),
                new Genesis.GenesisAccount(client.publicKey(), CLIENT_BALANCE, 0)),
            List.of(),
            LedgerRules.DEFAULTS);
    spec = new NodeSpec(id, nodeKey, membership, genesis, "instant", engineConfig, null);
    Platform platform =
        new Platform(
            loop,
            new NoPeers(),
            new InMemoryStorageProvider(),
            metrics,
            Ed25519Verifier.INSTANCE,
            new Random(7),
            Compute.inline(loop),
            registry());
    core = onLoop(ignored -> NodeCore.assemble(spec, platform), null);
    server =
        new HttpApiServer(
            new HttpApiConfig(HttpApiConfig.DEFAULT.listen(), maxBodyBytes),
            core,
            loop,
            metrics,
            NodeFacts.of(spec));
    uri = URI.create("http://127.0.0.1:" + server.start());
  }

  /**
   * The registry of the "instant" module only: its service file lives in a directory of its own,
   * seen through a class loader over that directory.
   */
  static ConsensusRegistry registry() {
    URL services = TestNode.class.getClassLoader().getResource("instant-engine/");
    try {
      return ConsensusRegistry.load(
          new URLClassLoader(
              new URL[] {services.toURI().toURL()}, TestNode.class.getClassLoader()));
    } catch (MalformedURLException | java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Starts the engine, which at once commits whatever is ready in the mempool. */
  public void startEngine() {
    run(NodeCore::start);
  }

  /** Runs {@code work} on the event loop and waits for it. */
  public void run(java.util.function.Consumer<NodeCore> work) {
    onLoop(
        core -> {
          work.accept(core);
          return null;
        });
  }

  public int mempoolSize() {
    return onLoop(core -> core.mempool().size());
  }

  /** Reads node state on the event loop, the only thread allowed to. */
  public <T> T onLoop(Function<NodeCore, T> work) {
    return onLoop(work, core);
  }

  private <T> T onLoop(Function<NodeCore, T> work, NodeCore target) {
    try {
      return CompletableFuture.supplyAsync(() -> work.apply(target), loop)
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("event-loop task failed", e);
    }
  }

  @Override
  public void close() {
    server.close();
    try {
      if (!loop.asExecutorService().isShutdown()) {
        run(NodeCore::stop);
      }
    } finally {
      loop.close();
    }
  }

  /** A one-member network: there is never anyone to send to. */
  private static final class NoPeers implements PeerMessenger {
    @Override
    public void send(NodeId to, MessageChannel channel, byte[] payload) {}

    @Override
    public void broadcast(MessageChannel channel, byte[] payload) {}
  }
}
