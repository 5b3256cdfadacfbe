package io.consensio.runtime.node;

import io.consensio.api.Member;
import io.consensio.api.Membership;
import io.consensio.api.MembershipAdmin.Peer;
import io.consensio.api.services.Metrics;
import io.consensio.api.types.NodeId;
import io.consensio.runtime.config.HostPort;
import io.consensio.runtime.transport.PeerTransport;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Keeps a real node's transport in step with the peers its engine reports (an engine with dynamic
 * membership, see {@link io.consensio.api.MembershipAdmin}): handshakes accept exactly those peers
 * and this node, and each is dialled at the address the engine's configuration carries or, for a
 * founding member, at the address of this node's configuration file. A peer with neither is
 * accepted when it dials in but not dialled. Called on the node's event loop.
 */
final class TransportMembership implements Consumer<List<Peer>> {
  private static final System.Logger LOG = System.getLogger(TransportMembership.class.getName());

  private final Member self;
  private final Map<NodeId, InetSocketAddress> configured;
  private final PeerTransport transport;
  private final Metrics metrics;

  TransportMembership(
      Member self,
      Map<NodeId, InetSocketAddress> configured,
      PeerTransport transport,
      Metrics metrics) {
    this.self = self;
    this.configured = Map.copyOf(configured);
    this.transport = transport;
    this.metrics = metrics;
  }

  @Override
  public void accept(List<Peer> peers) {
    List<Member> members = new ArrayList<>();
    members.add(self);
    Map<NodeId, InetSocketAddress> addresses = new LinkedHashMap<>();
    for (Peer peer : peers) {
      if (peer.id().equals(self.id())) {
        continue;
      }
      members.add(new Member(peer.id(), peer.publicKey()));
      Optional<InetSocketAddress> address =
          peer.address().flatMap(text -> parse(peer.id(), text)).or(() -> configured(peer.id()));
      address.ifPresent(a -> addresses.put(peer.id(), a));
    }
    try {
      transport.updatePeers(new Membership(members), addresses);
      LOG.log(System.Logger.Level.INFO, "peers now " + members.stream().map(Member::id).toList());
    } catch (IllegalArgumentException e) {
      // Two members with one key, or this node's key replaced: keep the last good membership.
      metrics.increment("node.membership.refused");
      LOG.log(System.Logger.Level.WARNING, "membership reported by the engine refused", e);
    }
  }

  private Optional<InetSocketAddress> configured(NodeId id) {
    return Optional.ofNullable(configured.get(id));
  }

  private Optional<InetSocketAddress> parse(NodeId id, String text) {
    try {
      HostPort hostPort = HostPort.parse(text);
      return Optional.of(InetSocketAddress.createUnresolved(hostPort.host(), hostPort.port()));
    } catch (RuntimeException e) {
      metrics.increment("node.membership.bad-address");
      LOG.log(System.Logger.Level.WARNING, "unusable address '" + text + "' for " + id, e);
      return Optional.empty();
    }
  }
}
