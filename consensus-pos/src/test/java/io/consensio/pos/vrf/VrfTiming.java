package io.consensio.pos.vrf;

import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.crypto.Signature;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * A one-off timing of the VRF against Ed25519, for the README (not a test: nothing is asserted, and
 * surefire does not run it). Prints the CPU time per operation of this thread, which a busy machine
 * disturbs less than wall time, for four rounds; the first round is warm-up. Run it as the module
 * README says.
 */
public final class VrfTiming {
  private VrfTiming() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    VrfKeyPair vrf = VrfKeyPair.fromSeed(new byte[32]);
    Ed25519KeyPair ed25519 = Ed25519KeyPair.fromSeed(new byte[32]);
    byte[] alpha = new byte[72];
    byte[][] proofs = new byte[n][];
    Signature[] signatures = new Signature[n];
    long sink = 0;
    for (int round = 0; round < 4; round++) {
      long t0 = cpu.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        sink += vrf.output(input(alpha, i))[0];
      }
      long t1 = cpu.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        proofs[i] = vrf.prove(input(alpha, i));
      }
      long t2 = cpu.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        sink += Ecvrf.verify(vrf.publicKey(), input(alpha, i), proofs[i]).orElseThrow()[0];
      }
      long t3 = cpu.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        signatures[i] = ed25519.sign(input(alpha, i));
      }
      long t4 = cpu.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        boolean ok =
            Ed25519Verifier.INSTANCE.verify(ed25519.publicKey(), input(alpha, i), signatures[i]);
        sink += ok ? 1 : 0;
      }
      long t5 = cpu.getCurrentThreadCpuTime();
      System.out.printf(
          "round %d, CPU µs/op: vrf output %.0f, vrf prove %.0f, vrf verify %.0f"
              + " | ed25519 sign %.0f, ed25519 verify %.0f%n",
          round,
          (t1 - t0) / 1e3 / n,
          (t2 - t1) / 1e3 / n,
          (t3 - t2) / 1e3 / n,
          (t4 - t3) / 1e3 / n,
          (t5 - t4) / 1e3 / n);
    }
    System.out.println("(checksum " + sink + ")");
  }

  private static byte[] input(byte[] alpha, int i) {
    alpha[0] = (byte) i;
    alpha[1] = (byte) (i >> 8);
    return alpha;
  }
}
