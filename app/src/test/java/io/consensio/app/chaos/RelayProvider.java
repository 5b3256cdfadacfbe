package io.consensio.app.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.consensio.api.ConsensusContext;
import io.consensio.api.ConsensusEngine;
import io.consensio.api.ConsensusProvider;
import io.consensio.api.EngineStatus;
import io.consensio.api.Member;
import io.consensio.api.Membership;
import io.consensio.api.SealVerdict;
import io.consensio.api.crypto.Signature;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.types.Block;
import io.consensio.api.types.NodeId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A tiny gossip engine for testing the forgery accounting itself: every node signs and broadcasts a
 * numbered announcement each 100 ms, and relays announcements it hears once. {@code relay-careful}
 * relays only announcements whose signature verifies for the member named in them; {@code
 * relay-gullible} checks the signature too but relays regardless — exactly the bug "forged messages
 * accepted" must expose.
 */
public final class RelayProvider implements ConsensusProvider {
  private final boolean careful;

  /** The ServiceLoader entry point: the careful variant. */
  public RelayProvider() {
    this(true);
  }

  RelayProvider(boolean careful) {
    this.careful = careful;
  }

  /** The gullible variant, registered under its own name. */
  public static final class Gullible implements ConsensusProvider {
    private final RelayProvider delegate = new RelayProvider(false);

    @Override
    public String name() {
      return "relay-gullible";
    }

    @Override
    public String description() {
      return "test engine that relays announcements without heeding their signatures";
    }

    @Override
    public void validateConfig(JsonNode section, Membership membership) {}

    @Override
    public ConsensusEngine create(ConsensusContext context) {
      return delegate.create(context);
    }
  }

  @Override
  public String name() {
    return "relay-careful";
  }

  @Override
  public String description() {
    return "test engine that relays announcements whose signatures verify";
  }

  @Override
  public void validateConfig(JsonNode section, Membership membership) {}

  @Override
  public ConsensusEngine create(ConsensusContext context) {
    return new Engine(context, careful);
  }

  private static final class Engine implements ConsensusEngine {
    private final ConsensusContext context;
    private final boolean careful;
    private final Set<ByteBuffer> relayed = new HashSet<>();
    private long counter;
    private boolean running;

    Engine(ConsensusContext context, boolean careful) {
      this.context = context;
      this.careful = careful;
    }

    @Override
    public void start() {
      running = true;
      announce();
    }

    private void announce() {
      if (!running) {
        return;
      }
      byte[] body = (context.self().value() + "#" + counter++).getBytes(StandardCharsets.UTF_8);
      byte[] signature = context.signer().sign(body).toBytes();
      context.network().broadcast(concat(signature, body));
      context.scheduler().schedule(100, this::announce);
    }

    @Override
    public void onMessage(NodeId from, byte[] payload) {
      if (payload.length <= Signature.SIZE || !relayed.add(ByteBuffer.wrap(payload.clone()))) {
        return;
      }
      byte[] body = Arrays.copyOfRange(payload, Signature.SIZE, payload.length);
      String author = new String(body, StandardCharsets.UTF_8).split("#")[0];
      Optional<Member> member = context.membership().member(NodeId.of(author));
      boolean valid =
          member.isPresent()
              && context
                  .verifier()
                  .verify(
                      member.get().publicKey(),
                      body,
                      Signature.wrap(Arrays.copyOf(payload, Signature.SIZE)));
      if (!valid) {
        context.metrics().increment("relay.bad-signature");
      }
      if (valid || !careful) {
        context.network().broadcast(payload);
      }
    }

    private static byte[] concat(byte[] a, byte[] b) {
      byte[] out = Arrays.copyOf(a, a.length + b.length);
      System.arraycopy(b, 0, out, a.length, b.length);
      return out;
    }

    @Override
    public void onTransactionsAvailable() {}

    @Override
    public SealVerdict checkSeal(Block block, LedgerState parentState) {
      return SealVerdict.reject("relay engines make no blocks");
    }

    @Override
    public EngineStatus status() {
      return new EngineStatus("relay", "announcement", counter, Optional.empty(), Map.of());
    }

    @Override
    public void stop() {
      running = false;
    }
  }
}
