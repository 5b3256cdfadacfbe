package io.consensio.runtime.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consensio.api.CertifiedFinality;
import io.consensio.api.ConsensusEngine;
import io.consensio.api.EngineStatus;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.Account;
import io.consensio.api.ledger.ChainStore;
import io.consensio.api.ledger.TxLocation;
import io.consensio.api.services.AdmitResult;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import io.consensio.api.types.Transaction;
import io.consensio.runtime.metrics.MicrometerMetrics;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API's routes and their handlers. Parsing runs on the calling Netty thread; everything that
 * reads or changes the node goes through {@link NodeAccess} onto the event loop and comes back as
 * an immutable snapshot, which is rendered to JSON off the loop.
 */
final class ApiRoutes {
  /**
   * What a handler gets: the path match, the request (to be read before the handler returns; its
   * body is released then) and the connection's thread, on which node answers come back.
   */
  record ApiRequest(Matcher path, FullHttpRequest http, Executor io) {}

  /** A handler answers asynchronously. */
  private record Route(
      HttpMethod method,
      Pattern path,
      String name,
      Function<ApiRequest, CompletableFuture<ApiResponse>> handler) {}

  /** What {@link #match} found: a route and its path match, or the methods the path allows. */
  record Match(
      String routeName,
      Function<ApiRequest, CompletableFuture<ApiResponse>> handler,
      Matcher matcher,
      List<HttpMethod> allowed) {
    boolean found() {
      return handler != null;
    }
  }

  private record BlockSnapshot(Block block, boolean canonical, boolean isFinal) {}

  /**
   * A transaction's place, plus — when the engine has {@link CertifiedFinality} — the replicas
   * whose signatures certify its block and the matching replies a client needs.
   */
  private record TxSnapshot(
      Optional<TxLocation> location, boolean pending, long headHeight, Optional<Replies> replies) {}

  private record Replies(List<String> certifiedBy, int needed) {}

  private record AccountSnapshot(Account account, Block at) {}

  private record StatusSnapshot(
      ObjectNode engine,
      Block head,
      Block finalized,
      int mempoolSize,
      int mempoolReady,
      List<NodeId> peers) {}

  private final NodeAccess node;
  private final MicrometerMetrics metrics;
  private final NodeFacts facts;
  private final List<Route> routes = new ArrayList<>();

  ApiRoutes(NodeAccess node, MicrometerMetrics metrics, NodeFacts facts) {
    this.node = node;
    this.metrics = metrics;
    this.facts = facts;
    // order matters where patterns overlap: "head" before "{height}"
    add(HttpMethod.POST, "/v1/transactions", "transactions.submit", this::submit);
    add(HttpMethod.GET, "/v1/transactions/([^/]+)", "transactions.get", this::transaction);
    add(HttpMethod.GET, "/v1/blocks/head", "blocks.head", this::head);
    add(HttpMethod.GET, "/v1/blocks/by-hash/([^/]+)", "blocks.by-hash", this::blockByHash);
    add(HttpMethod.GET, "/v1/blocks/([^/]+)", "blocks.by-height", this::blockByHeight);
    add(HttpMethod.GET, "/v1/status", "status", this::status);
    add(HttpMethod.GET, "/v1/accounts/([^/]+)", "accounts.get", this::account);
    add(HttpMethod.GET, "/metrics", "metrics", this::metrics);
    new MembershipRoutes(node, facts.consensusType()).registerWith(this::add);
  }

  private void add(
      HttpMethod method,
      String path,
      String name,
      Function<ApiRequest, CompletableFuture<ApiResponse>> handler) {
    routes.add(new Route(method, Pattern.compile(path), name, handler));
  }

  /** The route for {@code method} and {@code path}; when none, the methods the path allows. */
  Match match(HttpMethod method, String path) {
    List<HttpMethod> allowed = new ArrayList<>();
    for (Route route : routes) {
      Matcher matcher = route.path().matcher(path);
      if (matcher.matches()) {
        if (route.method().equals(method)) {
          return new Match(route.name(), route.handler(), matcher, List.of());
        }
        if (!allowed.contains(route.method())) {
          allowed.add(route.method());
        }
      }
    }
    return new Match(null, null, null, allowed);
  }

  // ---- transactions ----

  private CompletableFuture<ApiResponse> submit(ApiRequest request) {
    Transaction tx =
        RequestParsing.submittedTransaction(ByteBufUtil.getBytes(request.http().content()));
    return node.call(request.io(), core -> core.submit(tx))
        .thenApply(result -> admitted(tx, result));
  }

  private static ApiResponse admitted(Transaction tx, AdmitResult result) {
    if (!result.accepted()) {
      throw new ApiException(
          HttpResponseStatus.BAD_REQUEST,
          "transaction refused by the mempool: " + result.reason(),
          Map.of("reason", result.reason(), "id", tx.id().toHex()));
    }
    ObjectNode body = ApiResponse.MAPPER.createObjectNode();
    body.put("id", tx.id().toHex());
    body.put("status", "pending");
    return ApiResponse.json(HttpResponseStatus.ACCEPTED, body);
  }

  private CompletableFuture<ApiResponse> transaction(ApiRequest request) {
    Hash id = RequestParsing.hash(request.path().group(1), "transaction id");
    return node.call(
            request.io(),
            core -> {
              Optional<TxLocation> location = core.chain().findTransaction(id);
              return new TxSnapshot(
                  location,
                  core.mempool().contains(id),
                  core.chain().head().height(),
                  location.flatMap(at -> replies(core.engine(), core.chain(), at)));
            })
        .thenApply(snapshot -> transactionView(id, snapshot));
  }

  private static Optional<Replies> replies(
      ConsensusEngine engine, ChainStore chain, TxLocation at) {
    if (!(engine instanceof CertifiedFinality certified) || !at.isFinal()) {
      return Optional.empty();
    }
    List<String> signers =
        chain.block(at.blockId()).map(certified::certifiedBy).orElse(List.of()).stream()
            .map(NodeId::value)
            .toList();
    return Optional.of(new Replies(signers, certified.repliesNeeded()));
  }

  private static ApiResponse transactionView(Hash id, TxSnapshot snapshot) {
    ObjectNode body = ApiResponse.MAPPER.createObjectNode();
    body.put("id", id.toHex());
    if (snapshot.location().isPresent()) {
      TxLocation location = snapshot.location().get();
      body.put("status", location.isFinal() ? "final" : "committed");
      body.put("height", location.height());
      body.put("blockId", location.blockId().toHex());
      body.put("index", location.index());
      body.put("confirmations", snapshot.headHeight() - location.height() + 1);
      snapshot
          .replies()
          .ifPresent(
              replies -> {
                // A client that asks this node alone trusts it; one that asks several treats
                // the result as final once repliesNeeded of them report the same block.
                body.put("replicasConfirming", replies.certifiedBy().size());
                ArrayNode by = body.putArray("certifiedBy");
                replies.certifiedBy().forEach(by::add);
                body.put("repliesNeeded", replies.needed());
                body.put("finalByReplies", replies.certifiedBy().size() >= replies.needed());
              });
    } else if (snapshot.pending()) {
      body.put("status", "pending");
    } else {
      throw ApiException.notFound(
          "unknown transaction " + id.toHex() + ": not in the mempool nor on the canonical chain");
    }
    return ApiResponse.ok(body);
  }

  // ---- blocks ----

  private CompletableFuture<ApiResponse> head(ApiRequest request) {
    return node.call(request.io(), core -> snapshot(core.chain(), core.chain().head()))
        .thenApply(ApiRoutes::blockView);
  }

  private CompletableFuture<ApiResponse> blockByHeight(ApiRequest request) {
    long height = RequestParsing.height(request.path().group(1));
    return node.call(
            request.io(),
            core -> {
              ChainStore chain = core.chain();
              Block head = chain.head();
              Block block =
                  chain
                      .canonicalAt(height)
                      .orElseThrow(
                          () ->
                              ApiException.notFound(
                                  "no canonical block at height "
                                      + height
                                      + " (the head is at "
                                      + head.height()
                                      + (height <= head.height()
                                          ? "; older blocks may be pruned"
                                          : "")
                                      + ")"));
              return snapshot(chain, block);
            })
        .thenApply(ApiRoutes::blockView);
  }

  private CompletableFuture<ApiResponse> blockByHash(ApiRequest request) {
    Hash id = RequestParsing.hash(request.path().group(1), "block id");
    return node.call(
            request.io(),
            core ->
                snapshot(
                    core.chain(),
                    core.chain()
                        .block(id)
                        .orElseThrow(() -> ApiException.notFound("unknown block " + id.toHex()))))
        .thenApply(ApiRoutes::blockView);
  }

  private static BlockSnapshot snapshot(ChainStore chain, Block block) {
    boolean canonical = chain.isCanonical(block.id());
    return new BlockSnapshot(
        block, canonical, canonical && block.height() <= chain.finalizedHead().height());
  }

  private static ApiResponse blockView(BlockSnapshot snapshot) {
    return ApiResponse.ok(
        JsonViews.block(snapshot.block(), snapshot.canonical(), snapshot.isFinal()));
  }

  // ---- node ----

  private CompletableFuture<ApiResponse> status(ApiRequest request) {
    return node.call(
            request.io(),
            core -> {
              EngineStatus engine = core.status();
              return new StatusSnapshot(
                  JsonViews.engineStatus(engine),
                  core.chain().head(),
                  core.chain().finalizedHead(),
                  core.mempool().size(),
                  core.mempool().readyCount(),
                  core.peerIds());
            })
        .thenApply(this::statusView);
  }

  private ApiResponse statusView(StatusSnapshot snapshot) {
    ObjectNode body = ApiResponse.MAPPER.createObjectNode();
    body.put("nodeId", facts.nodeId().value());
    body.put("networkId", facts.networkId());
    body.put("consensusType", facts.consensusType());
    body.set("engine", snapshot.engine());
    body.set("head", JsonViews.blockRef(snapshot.head()));
    body.set("finalized", JsonViews.blockRef(snapshot.finalized()));
    ObjectNode mempool = body.putObject("mempool");
    mempool.put("size", snapshot.mempoolSize());
    mempool.put("ready", snapshot.mempoolReady());
    ArrayNode peers = body.putArray("peers");
    snapshot.peers().forEach(peer -> peers.add(peer.value()));
    return ApiResponse.ok(body);
  }

  private CompletableFuture<ApiResponse> account(ApiRequest request) {
    PublicKey owner = RequestParsing.publicKey(request.path().group(1));
    return node.call(
            request.io(),
            core ->
                new AccountSnapshot(core.chain().headState().account(owner), core.chain().head()))
        .thenApply(
            snapshot ->
                ApiResponse.ok(JsonViews.account(owner, snapshot.account(), snapshot.at())));
  }

  private CompletableFuture<ApiResponse> metrics(ApiRequest request) {
    // gauges read node state (the mempool size), so the scrape runs on the event loop
    return node.call(request.io(), core -> metrics.scrape())
        .thenApply(text -> ApiResponse.text(MicrometerMetrics.CONTENT_TYPE, text));
  }
}
