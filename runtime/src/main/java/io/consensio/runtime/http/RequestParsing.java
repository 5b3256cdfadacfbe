package io.consensio.runtime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import java.util.HexFormat;

/**
 * Turns path segments and request bodies into typed values, or an {@link ApiException} (400) that
 * says exactly what is wrong. Runs on Netty threads; touches no node state.
 */
final class RequestParsing {
  private static final int ECHO_LIMIT = 80;

  private RequestParsing() {}

  static Hash hash(String text, String what) {
    if (text.length() != 2 * Hash.SIZE || !isHex(text)) {
      throw ApiException.badRequest(
          what
              + " must be "
              + 2 * Hash.SIZE
              + " hex characters (a SHA-256 hash), got '"
              + echo(text)
              + "'");
    }
    return Hash.fromHex(text);
  }

  static PublicKey publicKey(String text) {
    if (text.length() != 2 * PublicKey.SIZE || !isHex(text)) {
      throw ApiException.badRequest(
          "an account is named by its Ed25519 public key: "
              + 2 * PublicKey.SIZE
              + " hex characters, got '"
              + echo(text)
              + "'");
    }
    return PublicKey.fromHex(text);
  }

  static long height(String text) {
    long height;
    try {
      height = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(
          "block height must be a non-negative integer, 'head', or use /v1/blocks/by-hash/{id};"
              + " got '"
              + echo(text)
              + "'");
    }
    if (height < 0) {
      throw ApiException.badRequest("block height must not be negative, got " + height);
    }
    return height;
  }

  /** The transaction in a {@code {"tx": "<hex of Transaction.encode()>"}} body. */
  static Transaction submittedTransaction(byte[] body) {
    JsonNode json;
    try {
      json = ApiResponse.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("request body is not valid JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw ApiException.badRequest("request body could not be read: " + e.getMessage());
    }
    if (json == null || !json.isObject() || !json.path("tx").isTextual()) {
      throw ApiException.badRequest(
          "request body must be a JSON object with a string field \"tx\" holding the hex of an"
              + " encoded transaction");
    }
    String hex = json.get("tx").asText();
    byte[] bytes;
    try {
      bytes = HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("field \"tx\" is not valid hex: " + e.getMessage());
    }
    try {
      return Transaction.decode(bytes);
    } catch (DecodingException | IllegalArgumentException e) {
      throw ApiException.badRequest(
          "field \"tx\" does not decode to a transaction: " + e.getMessage());
    }
  }

  private static boolean isHex(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      // ASCII only: Character.digit would also accept other scripts' digits
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }

  private static String echo(String text) {
    return text.length() <= ECHO_LIMIT ? text : text.substring(0, ECHO_LIMIT) + "…";
  }
}
