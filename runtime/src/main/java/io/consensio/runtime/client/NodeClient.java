package io.consensio.runtime.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A Java client of a node's HTTP API ({@link io.consensio.runtime.http.HttpApiServer}), on the
 * JDK's {@link HttpClient}.
 *
 * <p>Every call waits for the answer, at most the configured timeout. Failures are exceptions that
 * say what happened: {@link NodeUnreachableException} when the node does not answer, {@link
 * NodeHttpException} for an error status, {@link NodeClientException} for an answer that is not
 * what the API documents. "Not found" is not an error: lookups return an empty {@link Optional},
 * and a transaction the mempool refuses is a {@link SubmitResult} with its reason. Thread-safe.
 */
public final class NodeClient {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final URI base;
  private final Duration timeout;
  private final HttpClient http;

  /** A client of the node at {@code baseUri}, e.g. {@code http://127.0.0.1:8080}. */
  public NodeClient(URI baseUri) {
    this(baseUri, DEFAULT_TIMEOUT);
  }

  /**
   * @param timeout bounds connecting and, separately, each request's answer
   */
  public NodeClient(URI baseUri, Duration timeout) {
    Objects.requireNonNull(baseUri, "baseUri");
    String text = baseUri.toString();
    this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** The node's API address, as given (without a trailing slash). */
  public URI baseUri() {
    return base;
  }

  /** Hands {@code tx} to the node's mempool; a refusal is a result, not an exception. */
  public SubmitResult submit(Transaction tx) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("tx", HexFormat.of().formatHex(tx.encode()));
    Answer answer = send("POST", "/v1/transactions", body.toString());
    if (answer.status() == 202) {
      Hash id = hash(answer, "id");
      if (!id.equals(tx.id())) {
        throw unexpected(answer, "the node names the transaction " + id + ", not " + tx.id());
      }
      return new SubmitResult(id, true, "accepted");
    }
    if (answer.status() == 400 && answer.json().path("reason").isTextual()) {
      return new SubmitResult(tx.id(), false, answer.json().get("reason").asText());
    }
    throw answer.failure();
  }

  /** Where a transaction stands, or empty when the node knows nothing of it. */
  public Optional<TxStatus> transactionStatus(Hash id) {
    Answer answer = send("GET", "/v1/transactions/" + id.toHex(), null);
    if (answer.status() == 404) {
      return Optional.empty();
    }
    answer.requireSuccess();
    String state = text(answer, "status");
    TxStatus.State parsed =
        switch (state) {
          case "pending" -> TxStatus.State.PENDING;
          case "committed" -> TxStatus.State.COMMITTED;
          case "final" -> TxStatus.State.FINAL;
          default -> throw unexpected(answer, "unknown transaction status '" + state + "'");
        };
    if (parsed == TxStatus.State.PENDING) {
      return Optional.of(
          new TxStatus(id, parsed, OptionalLong.empty(), Optional.empty(), OptionalInt.empty(), 0));
    }
    List<String> certifiedBy = new ArrayList<>();
    answer.json().path("certifiedBy").forEach(replica -> certifiedBy.add(replica.asText()));
    JsonNode needed = answer.json().path("repliesNeeded");
    return Optional.of(
        new TxStatus(
            id,
            parsed,
            OptionalLong.of(number(answer, "height")),
            Optional.of(hash(answer, "blockId")),
            OptionalInt.of((int) number(answer, "index")),
            number(answer, "confirmations"),
            certifiedBy,
            needed.isIntegralNumber() ? OptionalInt.of(needed.asInt()) : OptionalInt.empty()));
  }

  public NodeStatus status() {
    Answer answer = send("GET", "/v1/status", null);
    answer.requireSuccess();
    JsonNode engine = field(answer, answer.json(), "engine");
    JsonNode head = field(answer, answer.json(), "head");
    JsonNode finalized = field(answer, answer.json(), "finalized");
    List<String> peers = new ArrayList<>();
    field(answer, answer.json(), "peers").forEach(peer -> peers.add(peer.asText()));
    JsonNode leader = engine.path("leader");
    return new NodeStatus(
        text(answer, "nodeId"),
        text(answer, "networkId"),
        text(answer, "consensusType"),
        field(answer, engine, "role").asText(),
        field(answer, engine, "roundName").asText(),
        field(answer, engine, "round").asLong(),
        leader.isTextual() ? Optional.of(leader.asText()) : Optional.empty(),
        engine.path("details"),
        field(answer, head, "height").asLong(),
        parseHash(answer, field(answer, head, "id").asText()),
        field(answer, finalized, "height").asLong(),
        parseHash(answer, field(answer, finalized, "id").asText()),
        field(answer, field(answer, answer.json(), "mempool"), "size").asInt(),
        List.copyOf(peers));
  }

  /** The account as of the node's head; an account never used reads as all zeros. */
  public AccountInfo account(PublicKey owner) {
    Answer answer = send("GET", "/v1/accounts/" + owner.toHex(), null);
    answer.requireSuccess();
    JsonNode at = field(answer, answer.json(), "at");
    return new AccountInfo(
        owner,
        number(answer, "balance"),
        number(answer, "nonce"),
        number(answer, "stake"),
        number(answer, "unbonding"),
        number(answer, "unbondingReleaseHeight"),
        field(answer, at, "height").asLong(),
        parseHash(answer, field(answer, at, "id").asText()));
  }

  /** The canonical block at {@code height} as the API renders it, or empty beyond the head. */
  public Optional<JsonNode> block(long height) {
    if (height < 0) {
      throw new IllegalArgumentException("height must not be negative, got " + height);
    }
    return optionalJson(send("GET", "/v1/blocks/" + height, null));
  }

  /** Any block the node holds, canonical or not, or empty. */
  public Optional<JsonNode> block(Hash id) {
    return optionalJson(send("GET", "/v1/blocks/by-hash/" + id.toHex(), null));
  }

  public JsonNode headBlock() {
    Answer answer = send("GET", "/v1/blocks/head", null);
    answer.requireSuccess();
    return answer.json();
  }

  // ---- membership (engines with dynamic membership only) ----

  /** The configuration in force on the node. */
  public MembershipInfo membership() {
    Answer answer = send("GET", "/v1/membership", null);
    answer.requireSuccess();
    JsonNode json = answer.json();
    JsonNode leader = json.path("leader");
    return new MembershipInfo(
        members(answer, field(answer, json, "voters")),
        members(answer, field(answer, json, "nextVoters")),
        members(answer, field(answer, json, "learners")),
        field(answer, json, "committed").asBoolean(),
        leader.isTextual() ? Optional.of(leader.asText()) : Optional.empty());
  }

  /**
   * Asks the node — it must be the leader — to add a node, which first catches up as a learner and
   * then becomes a voter. Returns the node's account of the change it started.
   *
   * @throws NodeHttpException when the node refuses (409 not the leader or a change in progress;
   *     400 an impossible request or an engine with a fixed membership)
   */
  public String addMember(String id, PublicKey publicKey, String address) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("id", id);
    body.put("publicKey", publicKey.toHex());
    body.put("address", address);
    return change("/v1/membership/add", body);
  }

  /** Asks the leader to remove a member. Same failures as {@link #addMember}. */
  public String removeMember(String id) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("id", id);
    return change("/v1/membership/remove", body);
  }

  /** Asks the leader to hand leadership to the voter {@code id}. */
  public String transferLeadership(String id) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("id", id);
    return change("/v1/leadership/transfer", body);
  }

  private String change(String path, ObjectNode body) {
    Answer answer = send("POST", path, body.toString());
    if (answer.status() != 202) {
      throw answer.failure();
    }
    return text(answer, "message");
  }

  private static List<MembershipInfo.Member> members(Answer answer, JsonNode array) {
    if (!array.isArray()) {
      throw unexpected(answer, "a member list is not an array");
    }
    List<MembershipInfo.Member> out = new ArrayList<>();
    for (JsonNode m : array) {
      JsonNode address = m.path("address");
      out.add(
          new MembershipInfo.Member(
              field(answer, m, "id").asText(),
              field(answer, m, "publicKey").asText(),
              address.isTextual() ? Optional.of(address.asText()) : Optional.empty()));
    }
    return out;
  }

  private static Optional<JsonNode> optionalJson(Answer answer) {
    if (answer.status() == 404) {
      return Optional.empty();
    }
    answer.requireSuccess();
    return Optional.of(answer.json());
  }

  // ---- transport ----

  /** A status and the body parsed as JSON (a missing node when the body is not JSON). */
  private record Answer(String request, int status, JsonNode json, String raw) {
    void requireSuccess() {
      if (status < 200 || status > 299) {
        throw failure();
      }
    }

    NodeHttpException failure() {
      String error = json.path("error").isTextual() ? json.get("error").asText() : raw;
      return new NodeHttpException(request, status, error);
    }
  }

  private Answer send(String method, String path, String jsonBody) {
    URI uri = base.resolve(base.getPath() + path);
    String request = method + " " + uri;
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
    if (jsonBody == null) {
      builder.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      builder
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
    }
    HttpResponse<String> response;
    try {
      response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new NodeUnreachableException(
          request + ": no answer within " + timeout.toMillis() + " ms", e);
    } catch (ConnectException e) {
      throw new NodeUnreachableException(request + ": cannot connect to " + base, e);
    } catch (IOException e) {
      throw new NodeUnreachableException(request + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeClientException(request + ": interrupted while waiting for the node", e);
    }
    JsonNode json;
    try {
      json = response.body().isEmpty() ? MAPPER.missingNode() : MAPPER.readTree(response.body());
    } catch (IOException notJson) {
      json = MAPPER.missingNode();
    }
    Answer answer = new Answer(request, response.statusCode(), json, response.body());
    if (!json.isObject() && answer.status() >= 200 && answer.status() <= 299) {
      throw unexpected(answer, "the body is not a JSON object");
    }
    return answer;
  }

  private static JsonNode field(Answer answer, JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      throw unexpected(answer, "missing field '" + name + "'");
    }
    return value;
  }

  private static String text(Answer answer, String name) {
    return field(answer, answer.json(), name).asText();
  }

  private static long number(Answer answer, String name) {
    JsonNode value = field(answer, answer.json(), name);
    if (!value.isIntegralNumber()) {
      throw unexpected(answer, "field '" + name + "' is not an integer: " + value);
    }
    return value.asLong();
  }

  private static Hash hash(Answer answer, String name) {
    return parseHash(answer, text(answer, name));
  }

  private static Hash parseHash(Answer answer, String hex) {
    try {
      return Hash.fromHex(hex);
    } catch (IllegalArgumentException e) {
      throw unexpected(answer, "'" + hex + "' is not a hash");
    }
  }

  private static NodeClientException unexpected(Answer answer, String what) {
    return new NodeClientException(
        answer.request() + ": unexpected answer (HTTP " + answer.status() + "): " + what);
  }
}
