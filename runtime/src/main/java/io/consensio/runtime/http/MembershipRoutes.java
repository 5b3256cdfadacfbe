package io.consensio.runtime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consensio.api.MembershipAdmin;
import io.consensio.api.MembershipAdmin.ClusterConfiguration;
import io.consensio.api.MembershipAdmin.Peer;
import io.consensio.api.MembershipAdmin.Result;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.types.NodeId;
import io.consensio.runtime.config.HostPort;
import io.consensio.runtime.http.ApiRoutes.ApiRequest;
import io.consensio.runtime.node.NodeCore;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The membership routes, served when the engine implements {@link MembershipAdmin}:
 *
 * <ul>
 *   <li>{@code GET /v1/membership}: the configuration in force (voters, joining voters, learners,
 *       whether it is committed, the leader);
 *   <li>{@code POST /v1/membership/add} {@code {"id", "publicKey", "address"}}: adds a node;
 *   <li>{@code POST /v1/membership/remove} {@code {"id"}}: removes one;
 *   <li>{@code POST /v1/leadership/transfer} {@code {"id"}}: hands leadership to a voter.
 * </ul>
 *
 * A change taken answers 202 (it completes asynchronously: watch {@code GET /v1/membership}); a
 * node that is not the leader answers 409 naming the leader when it knows it, as does a change
 * while another is in progress or one with nothing to do; an impossible request answers 400, and so
 * does every route when the engine's membership is fixed.
 */
final class MembershipRoutes {
  /** How the routes are registered with {@link ApiRoutes}. */
  @FunctionalInterface
  interface Registry {
    void add(
        HttpMethod method,
        String path,
        String name,
        Function<ApiRequest, CompletableFuture<ApiResponse>> handler);
  }

  private final NodeAccess node;
  private final String consensusType;

  MembershipRoutes(NodeAccess node, String consensusType) {
    this.node = node;
    this.consensusType = consensusType;
  }

  void registerWith(Registry routes) {
    routes.add(HttpMethod.GET, "/v1/membership", "membership.get", this::configuration);
    routes.add(HttpMethod.POST, "/v1/membership/add", "membership.add", this::add);
    routes.add(HttpMethod.POST, "/v1/membership/remove", "membership.remove", this::remove);
    routes.add(HttpMethod.POST, "/v1/leadership/transfer", "leadership.transfer", this::transfer);
  }

  private CompletableFuture<ApiResponse> configuration(ApiRequest request) {
    return node.call(request.io(), core -> admin(core).configuration())
        .thenApply(c -> ApiResponse.ok(view(c)));
  }

  private CompletableFuture<ApiResponse> add(ApiRequest request) {
    JsonNode body = body(request);
    NodeId id = nodeId(body);
    PublicKey key = publicKey(body);
    String address = text(body, "address", "where the other members reach the node, host:port");
    try {
      HostPort.parse(address);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("field \"address\": " + e.getMessage());
    }
    return change(request, admin -> admin.addMember(id, key, address));
  }

  private CompletableFuture<ApiResponse> remove(ApiRequest request) {
    NodeId id = nodeId(body(request));
    return change(request, admin -> admin.removeMember(id));
  }

  private CompletableFuture<ApiResponse> transfer(ApiRequest request) {
    NodeId id = nodeId(body(request));
    return change(request, admin -> admin.transferLeadership(id));
  }

  private CompletableFuture<ApiResponse> change(
      ApiRequest request, Function<MembershipAdmin, Result> work) {
    return node.call(request.io(), core -> work.apply(admin(core)))
        .thenApply(MembershipRoutes::answer);
  }

  private MembershipAdmin admin(NodeCore core) {
    if (core.engine() instanceof MembershipAdmin admin) {
      return admin;
    }
    throw ApiException.badRequest(
        "consensus '" + consensusType + "' has a fixed membership: it cannot add or remove nodes");
  }

  private static ApiResponse answer(Result result) {
    ObjectNode body = ApiResponse.MAPPER.createObjectNode();
    body.put("outcome", result.outcome().name().toLowerCase().replace('_', '-'));
    body.put("message", result.message());
    result.leader().ifPresent(l -> body.put("leader", l.value()));
    if (result.accepted()) {
      return ApiResponse.json(HttpResponseStatus.ACCEPTED, body);
    }
    HttpResponseStatus status =
        result.outcome() == MembershipAdmin.Outcome.INVALID
            ? HttpResponseStatus.BAD_REQUEST
            : HttpResponseStatus.CONFLICT;
    Map<String, String> fields =
        result.leader().isPresent()
            ? Map.of(
                "outcome", body.get("outcome").asText(), "leader", result.leader().get().value())
            : Map.of("outcome", body.get("outcome").asText());
    throw new ApiException(status, result.message(), fields);
  }

  private static ObjectNode view(ClusterConfiguration c) {
    ObjectNode body = ApiResponse.MAPPER.createObjectNode();
    peers(body.putArray("voters"), c.voters());
    peers(body.putArray("nextVoters"), c.nextVoters());
    peers(body.putArray("learners"), c.learners());
    body.put("joint", c.isJoint());
    body.put("committed", c.committed());
    if (c.leader().isPresent()) {
      body.put("leader", c.leader().get().value());
    } else {
      body.putNull("leader");
    }
    return body;
  }

  private static void peers(ArrayNode array, List<Peer> peers) {
    for (Peer p : peers) {
      ObjectNode node = array.addObject();
      node.put("id", p.id().value());
      node.put("publicKey", p.publicKey().toHex());
      if (p.address().isPresent()) {
        node.put("address", p.address().get());
      } else {
        node.putNull("address");
      }
    }
  }

  private static JsonNode body(ApiRequest request) {
    JsonNode json;
    try {
      json = ApiResponse.MAPPER.readTree(ByteBufUtil.getBytes(request.http().content()));
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiException.badRequest("request body could not be read: " + e.getMessage());
    }
    if (json == null || !json.isObject()) {
      throw ApiException.badRequest("request body must be a JSON object");
    }
    return json;
  }

  private static NodeId nodeId(JsonNode body) {
    String text = text(body, "id", "the node's id");
    try {
      return NodeId.of(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("field \"id\": " + e.getMessage());
    }
  }

  private static PublicKey publicKey(JsonNode body) {
    String text = text(body, "publicKey", "the node's Ed25519 public key in hex");
    return RequestParsing.publicKey(text);
  }

  private static String text(JsonNode body, String field, String what) {
    JsonNode value = body.get(field);
    if (value == null || !value.isTextual()) {
      throw ApiException.badRequest("field \"" + field + "\" must be a string: " + what);
    }
    return value.asText();
  }
}
