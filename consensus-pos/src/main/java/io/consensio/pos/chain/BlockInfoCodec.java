package io.consensio.pos.chain;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.types.Hash;
import io.consensio.pos.vrf.VrfPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The canonical encoding of a {@link BlockInfo}, used to persist the finalized root so a restarted
 * node can derive the infos of the blocks above it. Decoding is strict: map keys must be strictly
 * ascending, so one info has one encoding.
 */
public final class BlockInfoCodec {
  private static final int MAX_VALIDATORS = 1 << 20;

  private BlockInfoCodec() {}

  public static byte[] encode(BlockInfo info) {
    CanonicalWriter w = new CanonicalWriter(256 + 48 * info.epochStakes().size());
    info.id().write(w);
    info.parent().write(w);
    w.writeLong(info.height());
    w.writeLong(info.slot());
    info.proposer().write(w);
    w.writeLong(info.cumulativeWeight());
    w.writeLong(Double.doubleToRawLongBits(info.score()));
    info.randomness().write(w);
    info.accumulator().write(w);
    writeMap(w, info.epochStakes());
    writeMap(w, info.lastProposed());
    writeRegistry(w, info.vrfRegistry());
    return w.toByteArray();
  }

  public static BlockInfo decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    Hash id = Hash.read(r);
    Hash parent = Hash.read(r);
    long height = r.readNonNegativeLong("height");
    long slot = r.readNonNegativeLong("slot");
    PublicKey proposer = PublicKey.read(r);
    long cumulative = r.readNonNegativeLong("cumulative weight");
    double score = Double.longBitsToDouble(r.readLong());
    Hash randomness = Hash.read(r);
    Hash accumulator = Hash.read(r);
    SortedMap<PublicKey, Long> stakes = readMap(r);
    SortedMap<PublicKey, Long> lastProposed = readMap(r);
    VrfRegistry registry = readRegistry(r);
    r.finish();
    return new BlockInfo(
        id,
        parent,
        height,
        slot,
        proposer,
        cumulative,
        score,
        randomness,
        accumulator,
        stakes,
        lastProposed,
        registry);
  }

  private static void writeRegistry(CanonicalWriter w, VrfRegistry registry) {
    w.writeList(registry.genesisValidators(), (writer, key) -> key.write(writer));
    w.writeList(
        registry.registrations().entrySet(),
        (writer, entry) -> {
          entry.getKey().write(writer);
          entry.getValue().key().write(writer);
          writer.writeLong(entry.getValue().activeFromEpoch());
        });
  }

  private static VrfRegistry readRegistry(CanonicalReader r) {
    List<PublicKey> genesis = r.readList(MAX_VALIDATORS, PublicKey::read);
    checkAscending(genesis);
    List<Map.Entry<PublicKey, VrfRegistry.Registration>> entries =
        r.readList(
            MAX_VALIDATORS,
            reader ->
                Map.entry(
                    PublicKey.read(reader),
                    new VrfRegistry.Registration(
                        VrfPublicKey.read(reader), reader.readNonNegativeLong("active epoch"))));
    checkAscending(entries.stream().map(Map.Entry::getKey).toList());
    TreeMap<PublicKey, VrfRegistry.Registration> registrations = new TreeMap<>();
    entries.forEach(entry -> registrations.put(entry.getKey(), entry.getValue()));
    return new VrfRegistry(new TreeSet<>(genesis), registrations);
  }

  private static void writeMap(CanonicalWriter w, SortedMap<PublicKey, Long> map) {
    w.writeList(
        map.entrySet(),
        (writer, entry) -> {
          entry.getKey().write(writer);
          writer.writeLong(entry.getValue());
        });
  }

  private static SortedMap<PublicKey, Long> readMap(CanonicalReader r) {
    List<Map.Entry<PublicKey, Long>> entries =
        r.readList(
            MAX_VALIDATORS,
            reader -> Map.entry(PublicKey.read(reader), reader.readNonNegativeLong("amount")));
    List<PublicKey> keys = new ArrayList<>();
    TreeMap<PublicKey, Long> map = new TreeMap<>();
    for (Map.Entry<PublicKey, Long> entry : entries) {
      keys.add(entry.getKey());
      map.put(entry.getKey(), entry.getValue());
    }
    checkAscending(keys);
    return map;
  }

  private static void checkAscending(List<PublicKey> keys) {
    for (int i = 1; i < keys.size(); i++) {
      if (keys.get(i - 1).compareTo(keys.get(i)) >= 0) {
        throw new DecodingException("keys must be strictly ascending");
      }
    }
  }
}
