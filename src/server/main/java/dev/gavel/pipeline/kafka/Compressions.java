package dev.gavel.pipeline.kafka;

import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer's compression codec, checked before use. snappy (the default) and zstd are native
 * code, shipped for Linux (x86-64, arm64) and macOS only; elsewhere the producer would fail on its
 * first batch, so Gavel falls back to lz4, whose Java code runs anywhere.
 *
 * <p>Why snappy by default: Kafka's lz4 writer allocates two fresh 64 KB arrays for every batch,
 * and at 5 ms of linger over six partitions nearly every auction event starts a batch. That was a
 * fifth of the serving path's allocation and the largest thing young GCs copied (README,
 * "Deadlines"). snappy-java recycles its buffers.
 */
public final class Compressions {
  private static final Logger LOG = LoggerFactory.getLogger(Compressions.class);
  static final String FALLBACK = "lz4";
  /**
   * A static method of each native codec whose first call loads its library. By reflection: Kafka
   * declares both libraries at runtime scope.
   */
  private record Probe(String className, String method, Class<?> argType, Object arg) {}

  private static final Map<String, Probe> NATIVE_PROBES = Map.of(
      "snappy", new Probe("org.xerial.snappy.Snappy", "maxCompressedLength", int.class, 64),
      "zstd", new Probe("com.github.luben.zstd.Zstd", "compressBound", long.class, 64L));

  private Compressions() {}

  /** The codec to configure: the one asked for, or lz4 when its native code cannot load here. */
  public static String usable(String configured) {
    return usable(configured, Compressions::loads);
  }

  static String usable(String configured, Predicate<String> loads) {
    if (!NATIVE_PROBES.containsKey(configured) || loads.test(configured)) {
      return configured;
    }
    LOG.warn("kafka.producer.compression {}: its native library does not load on this platform ({} {}); using {}",
        configured, System.getProperty("os.name"), System.getProperty("os.arch"), FALLBACK);
    return FALLBACK;
  }

  private static boolean loads(String codec) {
    Probe probe = NATIVE_PROBES.get(codec);
    try {
      Class.forName(probe.className()).getMethod(probe.method(), probe.argType()).invoke(null, probe.arg());
      return true;
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      LOG.debug("{} does not load", codec, e);
      return false;
    }
  }
}
