package io.consensio.bench;

/**
 * A hand-written pure-Java SHA-256 for the PoW nonce search, measured in {@link PowHashBenchmark}
 * against the JDK's compression function. It precomputes everything that does not depend on the
 * nonce: the midstate of the first 64 header bytes, the inner hash's second block up to the nonce
 * (its first three rounds use only fixed words, so the state after them is computed once, and so
 * are schedule words 16 and 17), and the outer hash's constant padding words (rounds 8-15 add a
 * precomputed {@code K[t] + W[t]}). No allocation per nonce. Not thread-safe.
 */
final class JavaSha256Midstate {
  private static final int[] K = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  };
  private static final int[] IV = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
  };

  private final int[] midstate = new int[8];

  /** The inner second block's state after its three nonce-independent rounds. */
  private final int[] afterThreeRounds = new int[8];

  private final int[] innerW = new int[64];
  private final int[] outerW = new int[64];
  private final int[] work = new int[8];

  JavaSha256Midstate(byte[] header) {
    int[] w = new int[64];
    for (int i = 0; i < 16; i++) {
      w[i] = bigEndian(header, 4 * i);
    }
    System.arraycopy(IV, 0, midstate, 0, 8);
    schedule(w);
    compress(midstate, w);

    innerW[0] = bigEndian(header, 64);
    innerW[1] = bigEndian(header, 68);
    innerW[2] = bigEndian(header, 72);
    innerW[4] = 0x80000000;
    innerW[15] = 640;
    innerW[16] = s0(innerW[1]) + innerW[0];
    innerW[17] = s1(innerW[15]) + s0(innerW[2]) + innerW[1];
    System.arraycopy(midstate, 0, afterThreeRounds, 0, 8);
    rounds(afterThreeRounds, innerW, 0, 3);

    outerW[8] = 0x80000000;
    outerW[15] = 256;
  }

  /** Writes the double SHA-256 of the template with {@code nonce} into {@code out}. */
  void hash(long nonce, byte[] out) {
    int[] w = innerW;
    w[3] = Integer.reverseBytes((int) nonce);
    for (int t = 18; t < 64; t++) {
      w[t] = s1(w[t - 2]) + w[t - 7] + s0(w[t - 15]) + w[t - 16];
    }
    int[] s = work;
    System.arraycopy(afterThreeRounds, 0, s, 0, 8);
    rounds(s, w, 3, 64);
    int[] o = outerW;
    for (int i = 0; i < 8; i++) {
      o[i] = midstate[i] + s[i];
    }
    for (int t = 16; t < 64; t++) {
      o[t] = s1(o[t - 2]) + o[t - 7] + s0(o[t - 15]) + o[t - 16];
    }
    System.arraycopy(IV, 0, s, 0, 8);
    rounds(s, o, 0, 64);
    for (int i = 0; i < 8; i++) {
      int v = IV[i] + s[i];
      out[4 * i] = (byte) (v >>> 24);
      out[4 * i + 1] = (byte) (v >>> 16);
      out[4 * i + 2] = (byte) (v >>> 8);
      out[4 * i + 3] = (byte) v;
    }
  }

  private static void schedule(int[] w) {
    for (int t = 16; t < 64; t++) {
      w[t] = s1(w[t - 2]) + w[t - 7] + s0(w[t - 15]) + w[t - 16];
    }
  }

  /** Full compression of the scheduled {@code w} into {@code state} (feed-forward included). */
  private static void compress(int[] state, int[] w) {
    int[] s = state.clone();
    rounds(s, w, 0, 64);
    for (int i = 0; i < 8; i++) {
      state[i] += s[i];
    }
  }

  /** Rounds {@code from} (inclusive) to {@code to} (exclusive) on working variables {@code s}. */
  private static void rounds(int[] s, int[] w, int from, int to) {
    int a = s[0];
    int b = s[1];
    int c = s[2];
    int d = s[3];
    int e = s[4];
    int f = s[5];
    int g = s[6];
    int h = s[7];
    for (int t = from; t < to; t++) {
      int t1 =
          h
              + (Integer.rotateRight(e, 6)
                  ^ Integer.rotateRight(e, 11)
                  ^ Integer.rotateRight(e, 25))
              + ((e & f) ^ (~e & g))
              + K[t]
              + w[t];
      int t2 =
          (Integer.rotateRight(a, 2) ^ Integer.rotateRight(a, 13) ^ Integer.rotateRight(a, 22))
              + ((a & b) ^ (a & c) ^ (b & c));
      h = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    s[0] = a;
    s[1] = b;
    s[2] = c;
    s[3] = d;
    s[4] = e;
    s[5] = f;
    s[6] = g;
    s[7] = h;
  }

  private static int s0(int x) {
    return Integer.rotateRight(x, 7) ^ Integer.rotateRight(x, 18) ^ (x >>> 3);
  }

  private static int s1(int x) {
    return Integer.rotateRight(x, 17) ^ Integer.rotateRight(x, 19) ^ (x >>> 10);
  }

  private static int bigEndian(byte[] b, int offset) {
    return (b[offset] & 0xFF) << 24
        | (b[offset + 1] & 0xFF) << 16
        | (b[offset + 2] & 0xFF) << 8
        | (b[offset + 3] & 0xFF);
  }
}
