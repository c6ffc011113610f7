package dev.gavel.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.LongStream;

/**
 * Gavel's processes as the bench measures them: the one it started and, in a local run, the
 * consumer process that one runs (a child running {@code LocalConsumers}). The broker and the
 * database, its other children, are not Gavel.
 */
final class GavelPids {
  private GavelPids() {}

  static long[] of(long pid) {
    long[] consumers = ProcessHandle.of(pid).map(p -> p.children().mapToLong(ProcessHandle::pid)
        .filter(GavelPids::isConsumerProcess).toArray()).orElse(new long[0]);
    return LongStream.concat(LongStream.of(pid), LongStream.of(consumers)).toArray();
  }

  private static boolean isConsumerProcess(long pid) {
    try {
      return Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline")).contains("LocalConsumers");
    } catch (IOException | RuntimeException e) {
      return false; // gone, or not Linux
    }
  }
}
