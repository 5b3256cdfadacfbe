package io.consensio.bench.peers.bftsmart;

import bftsmart.communication.client.ReplyListener;
import bftsmart.reconfiguration.util.HostsConfig;
import bftsmart.reconfiguration.util.TOMConfiguration;
import bftsmart.reconfiguration.views.MemoryBasedViewStorage;
import bftsmart.reconfiguration.views.View;
import bftsmart.tom.AsynchServiceProxy;
import bftsmart.tom.RequestContext;
import bftsmart.tom.ServiceReplica;
import bftsmart.tom.core.messages.TOMMessage;
import bftsmart.tom.core.messages.TOMMessageType;
import io.consensio.bench.cluster.CommitTarget;
import io.consensio.bench.peers.PeerCluster;
import io.consensio.runtime.config.FreePorts;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A BFT-SMaRt group of {@code n = 3f + 1} replicas in this JVM on loopback, configured in code (no
 * {@code config/} directory): MAC-authenticated channels, no request signatures (BFT-SMaRt's
 * default), batches of up to {@code maxBatch} requests, its log and checkpoints in memory (its
 * default; BFT-SMaRt writes to disk only in its durability-coordinator mode). One asynchronous
 * client proxy sends every request to all replicas; a request is committed when {@code f + 1}
 * replicas replied, the number of matching replies a BFT-SMaRt client needs.
 */
public final class BftSmartCluster implements PeerCluster {
  private static final String HOST = "127.0.0.1";
  private static final int CLIENT_ID = 1_001;

  private final int n;
  private final int f;
  private final int maxBatch;
  private final List<ServiceReplica> replicas = new ArrayList<>();
  private final List<AppliedBytesReplica> services = new ArrayList<>();
  private AsynchServiceProxy client;

  public BftSmartCluster(int n, int maxBatch) {
    if (n < 4 || (n - 1) % 3 != 0) {
      throw new IllegalArgumentException("BFT-SMaRt needs n = 3f + 1 >= 4 replicas, got " + n);
    }
    this.n = n;
    this.f = (n - 1) / 3;
    this.maxBatch = maxBatch;
  }

  @Override
  public String name() {
    return "BFT-SMaRt (com.jd.blockchain 0.0.8)";
  }

  @Override
  public void start() throws InterruptedException {
    HostsConfig hosts = new HostsConfig();
    int[] ids = new int[n];
    InetSocketAddress[] addresses = new InetSocketAddress[n];
    java.util.Set<Integer> taken = new java.util.HashSet<>();
    for (int i = 0; i < n; i++) {
      int port = pickPortPair();
      // each replica uses port and port + 1: no two pairs may overlap
      while (taken.contains(port) || taken.contains(port + 1)) {
        port = pickPortPair();
      }
      taken.add(port);
      taken.add(port + 1);
      hosts.add(i, HOST, port);
      ids[i] = i;
      addresses[i] = new InetSocketAddress(HOST, port);
    }
    View view = new View(0, ids, f, addresses);
    // A replica's constructor blocks until it reached the others (state manager start-up), so
    // the replicas are constructed concurrently.
    List<CompletableFuture<ServiceReplica>> starting = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      AppliedBytesReplica service = new AppliedBytesReplica();
      TOMConfiguration config = new TOMConfiguration(i, properties(), hosts);
      services.add(service);
      starting.add(
          CompletableFuture.supplyAsync(
              () ->
                  new ServiceReplica(
                      config, new MemoryBasedViewStorage(view), service, service, null, null),
              runnable -> new Thread(runnable, "bft-smart-start").start()));
    }
    for (CompletableFuture<ServiceReplica> replica : starting) {
      try {
        replicas.add(replica.get(60, TimeUnit.SECONDS));
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("a BFT-SMaRt replica did not start: " + e.getCause(), e);
      }
    }
    client =
        new AsynchServiceProxy(
            new TOMConfiguration(CLIENT_ID, properties(), hosts), new MemoryBasedViewStorage(view));
  }

  /** A port whose successor is free too: BFT-SMaRt replicas talk to each other on port + 1. */
  private static int pickPortPair() {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = FreePorts.pick(HOST);
      try (java.net.ServerSocket next = new java.net.ServerSocket(port + 1)) {
        return port;
      } catch (java.io.IOException taken) {
        // try another pair
      }
    }
    throw new IllegalStateException("no two adjacent free ports on " + HOST);
  }

  private Properties properties() {
    Properties p = new Properties();
    p.setProperty("system.servers.num", Integer.toString(n));
    p.setProperty("system.servers.f", Integer.toString(f));
    p.setProperty("system.initial.view", initialView());
    p.setProperty("system.bft", "true");
    p.setProperty("system.ttp.id", "7002");
    p.setProperty("system.totalordermulticast.maxbatchsize", Integer.toString(maxBatch));
    p.setProperty("system.totalordermulticast.timeout", "10000");
    p.setProperty("system.communication.useSignatures", "0");
    p.setProperty("system.communication.useMACs", "1");
    p.setProperty("system.communication.defaultkeys", "true");
    p.setProperty("system.communication.inQueueSize", "500000");
    p.setProperty("system.communication.outQueueSize", "500000");
    // BFT-SMaRt's own system.config sets this. Without it, a message sent while a connection is
    // still exchanging its MAC key (a replica asks the others for the current consensus id from
    // its constructor) is written on the caller's thread with no MAC yet and fails with a
    // NullPointerException; the sender thread waits until the key is in place.
    p.setProperty("system.communication.useSenderThread", "true");
    p.setProperty("system.shutdownhook", "false");
    p.setProperty("system.totalordermulticast.state_transfer", "true");
    return p;
  }

  private String initialView() {
    StringBuilder view = new StringBuilder();
    for (int i = 0; i < n; i++) {
      view.append(i == 0 ? "" : ",").append(i);
    }
    return view.toString();
  }

  @Override
  public void submit(byte[] entry, int index, CommitTarget.Outcomes outcomes) {
    AtomicInteger replies = new AtomicInteger();
    ReplyListener listener =
        new ReplyListener() {
          @Override
          public void reset() {
            replies.set(0);
          }

          @Override
          public void replyReceived(RequestContext context, TOMMessage reply) {
            if (replies.incrementAndGet() == f + 1) {
              client.cleanAsynchRequest(context.getOperationId());
              outcomes.committed(index);
            }
          }
        };
    client.invokeAsynchRequest(entry, listener, TOMMessageType.ORDERED_REQUEST);
  }

  @Override
  public long appliedBytes(int replica) {
    return services.get(replica).appliedBytes();
  }

  @Override
  public int replicas() {
    return n;
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
    for (ServiceReplica replica : replicas) {
      replica.kill();
    }
  }
}
