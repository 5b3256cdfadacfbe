package io.consensio.pow.header;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The midstate on the JDK's own SHA-256 compression function, which HotSpot replaces with the CPU's
 * SHA instructions (x86 SHA-NI, ARMv8 SHA2) or a vectorised assembly routine: the chaining state of
 * the SUN provider's SHA-256 object is set directly and one 64-byte block is compressed, with none
 * of {@link MessageDigest}'s buffering, padding, reset or cloning around it. Per nonce that is
 * exactly two compressions plus a few word copies: the first 64 header bytes are compressed once
 * per template; the second block (the last 16 header bytes, then SHA-256's padding for 80 bytes) is
 * built once with its padding and only the nonce rewritten; the outer hash's block is the 32-byte
 * inner hash followed by a constant padding.
 *
 * <p>The compression function is not public API: it is {@code sun.security.provider.SHA2
 * .implCompress(byte[], int)} with its {@code int[] state}, reachable only when the JVM runs with
 * {@code --add-opens java.base/sun.security.provider=ALL-UNNAMED} (this module's tests and the
 * benchmarks pass it; a mining node's JVM should). {@link #AVAILABLE} is false when access is
 * refused, the members are not there (another JDK), or a self-test on Bitcoin's genesis header does
 * not give its known hash; {@link MidstateHasher} then falls back to {@link ClonedDigestMidstate}.
 */
final class IntrinsicCompressionMidstate implements NonceHasher {
  private static final int[] IV = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
  };

  /** Whole-word stores: four byte stores per word would cost more than the copy itself. */
  private static final VarHandle BIG_ENDIAN_INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private static final VarHandle LITTLE_ENDIAN_INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private static final Provider PROVIDER = Security.getProvider("SUN");
  private static final Field STATE;
  private static final MethodHandle COMPRESS;

  /** Whether the JDK's compression function is reachable and gives correct hashes. */
  static final boolean AVAILABLE;

  static {
    Field state = null;
    MethodHandle compress = null;
    try {
      Class<?> sha2 = Class.forName("sun.security.provider.SHA2");
      state = sha2.getDeclaredField("state");
      state.setAccessible(true);
      Method implCompress = sha2.getDeclaredMethod("implCompress", byte[].class, int.class);
      implCompress.setAccessible(true);
      compress =
          MethodHandles.lookup()
              .unreflect(implCompress)
              .asType(MethodType.methodType(void.class, Object.class, byte[].class, int.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Not opened to us (InaccessibleObjectException), or not this JDK's layout.
      state = null;
      compress = null;
    }
    STATE = state;
    COMPRESS = compress;
    AVAILABLE = compress != null && selfTest();
  }

  private final Object sha256;
  private final int[] state;
  private final int[] midstate = new int[8];
  private final byte[] secondBlock = new byte[64];
  private final byte[] outerBlock = new byte[64];

  IntrinsicCompressionMidstate(byte[] header) {
    try {
      sha256 = PROVIDER.getService("MessageDigest", "SHA-256").newInstance(null);
      state = (int[]) STATE.get(sha256);
    } catch (GeneralSecurityException | ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("the JDK's SHA-256 compression is not accessible", e);
    }
    System.arraycopy(IV, 0, state, 0, 8);
    compress(header, 0);
    System.arraycopy(state, 0, midstate, 0, 8);
    // Second block of the inner hash: header bytes 64..79, 0x80, zeros, length 640 bits.
    System.arraycopy(header, 64, secondBlock, 0, 16);
    secondBlock[16] = (byte) 0x80;
    secondBlock[62] = (byte) (640 >>> 8);
    secondBlock[63] = (byte) 640;
    // Outer hash: 32 bytes of inner hash, 0x80, zeros, length 256 bits.
    outerBlock[32] = (byte) 0x80;
    outerBlock[62] = (byte) (256 >>> 8);
  }

  private void compress(byte[] block, int offset) {
    try {
      COMPRESS.invokeExact(sha256, block, offset);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("SHA-256 compression failed", e);
    }
  }

  @Override
  public void hash(long nonce, byte[] out) {
    LITTLE_ENDIAN_INT.set(secondBlock, 12, (int) nonce);
    System.arraycopy(midstate, 0, state, 0, 8);
    compress(secondBlock, 0);
    putBigEndian(state, outerBlock);
    System.arraycopy(IV, 0, state, 0, 8);
    compress(outerBlock, 0);
    putBigEndian(state, out);
  }

  private static void putBigEndian(int[] words, byte[] out) {
    for (int i = 0; i < 8; i++) {
      BIG_ENDIAN_INT.set(out, 4 * i, words[i]);
    }
  }

  /**
   * Bitcoin's genesis header must hash to its known id (000000000019d6...e26f, here in the byte
   * order SHA-256 produces), or this path is not used.
   */
  private static boolean selfTest() {
    try {
      byte[] genesis =
          HexFormat.of()
              .parseHex(
                  "0100000000000000000000000000000000000000000000000000000000000000000000003ba3edfd"
                      + "7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a29ab5f49ffff001d1d"
                      + "ac2b7c");
      byte[] out = new byte[32];
      new IntrinsicCompressionMidstate(genesis).hash(2083236893L, out);
      byte[] genesisId =
          HexFormat.of()
              .parseHex("6fe28c0ab6f1b372c1a6a246ae63f74f931e8365e15a089c68d6190000000000");
      return Arrays.equals(out, genesisId);
    } catch (RuntimeException e) {
      return false;
    }
  }
}
