package io.consensio.bench.peers.ratis;

import io.consensio.bench.cluster.CommitTarget;
import io.consensio.bench.peers.PeerCluster;
import io.consensio.runtime.config.FreePorts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.netty.NettyConfigKeys;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

/**
 * An Apache Ratis group of {@code n} servers in this JVM, talking over the Netty RPC on loopback,
 * each with its segmented log in its own directory, flushed with fsync before it counts (Ratis'
 * default: {@code raft.server.log.unsafe-flush.enabled} false). Writes are submitted at the leader
 * in-process with {@code submitClientRequestAsync}, the call Ratis' own RPC layer makes for a
 * client request, so no client RPC is measured (as with SOFAJRaft's {@code Node.apply} and
 * Consensio's mempool submission); an entry is committed when that future completes, i.e. after a
 * quorum stored it and the leader applied it.
 */
public final class RatisCluster implements PeerCluster {
  private static final String HOST = "127.0.0.1";

  /** The ratis-server version in benchmarks/pom.xml (its jar manifest carries none). */
  static final String VERSION = "3.1.3";

  private final int n;
  private final Path dir;
  private final List<RaftServer> servers = new ArrayList<>();
  private final List<AppliedBytesStateMachine> machines = new ArrayList<>();
  private final ClientId clientId = ClientId.randomId();
  private final AtomicLong callIds = new AtomicLong();
  private RaftGroup group;
  private volatile RaftServer leader;
  private volatile RaftPeerId leaderId;

  public RatisCluster(int n, Path dir) {
    this.n = n;
    this.dir = dir;
  }

  @Override
  public String name() {
    return "Apache Ratis " + VERSION;
  }

  @Override
  public void start() throws IOException, InterruptedException {
    List<RaftPeer> peers = new ArrayList<>();
    int[] ports = FreePorts.pickDistinct(HOST, n);
    for (int i = 0; i < n; i++) {
      peers.add(
          RaftPeer.newBuilder().setId("ratis-" + i).setAddress(HOST + ":" + ports[i]).build());
    }
    group =
        RaftGroup.valueOf(
            RaftGroupId.valueOf(UUID.nameUUIDFromBytes(dir.toString().getBytes())), peers);
    for (int i = 0; i < n; i++) {
      RaftPeer peer = peers.get(i);
      RaftProperties properties = new RaftProperties();
      RaftConfigKeys.Rpc.setType(properties, SupportedRpcType.NETTY);
      NettyConfigKeys.Server.setHost(properties, HOST);
      NettyConfigKeys.Server.setPort(properties, Integer.parseInt(peer.getAddress().split(":")[1]));
      RaftServerConfigKeys.setStorageDir(
          properties, List.of(dir.resolve(peer.getId().toString()).toFile()));
      RaftServerConfigKeys.Log.setUnsafeFlushEnabled(properties, false);
      AppliedBytesStateMachine machine = new AppliedBytesStateMachine();
      RaftServer server =
          RaftServer.newBuilder()
              .setServerId(peer.getId())
              .setGroup(group)
              .setStateMachine(machine)
              .setProperties(properties)
              .build();
      server.start();
      servers.add(server);
      machines.add(machine);
    }
    long deadline = System.currentTimeMillis() + 30_000;
    while (leader == null) {
      for (RaftServer server : servers) {
        RaftServer.Division division = server.getDivision(group.getGroupId());
        if (division.getInfo().isLeader() && division.getInfo().isLeaderReady()) {
          leader = server;
          leaderId = server.getId();
        }
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("Ratis elected no leader within 30 s");
      }
      Thread.sleep(20);
    }
  }

  @Override
  public void submit(byte[] entry, int index, CommitTarget.Outcomes outcomes) {
    RaftClientRequest request =
        RaftClientRequest.newBuilder()
            .setClientId(clientId)
            .setServerId(leaderId)
            .setGroupId(group.getGroupId())
            .setCallId(callIds.incrementAndGet())
            .setMessage(Message.valueOf(ByteString.copyFrom(entry)))
            .setType(RaftClientRequest.writeRequestType())
            .build();
    try {
      leader
          .submitClientRequestAsync(request)
          .whenComplete(
              (reply, error) -> {
                if (error != null) {
                  outcomes.failed(index, error.toString());
                } else if (!reply.isSuccess()) {
                  outcomes.failed(index, String.valueOf(reply.getException()));
                } else {
                  outcomes.committed(index);
                }
              });
    } catch (IOException e) {
      outcomes.failed(index, e.toString());
    }
  }

  @Override
  public long appliedBytes(int replica) {
    return machines.get(replica).appliedBytes();
  }

  @Override
  public int replicas() {
    return n;
  }

  @Override
  public void close() throws IOException {
    for (RaftServer server : servers) {
      server.close();
    }
  }
}
