package dev.gavel.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Samples Gavel's resident set size ({@link GavelPids}: VmRSS in /proc/PID/status, summed) twice a second. */
final class RssSampler implements AutoCloseable {
  private final long pid;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "rss-sampler");
    t.setDaemon(true);
    return t;
  });
  private volatile long maxKb;
  private volatile long lastKb;

  RssSampler(long pid) {
    this.pid = pid;
    timer.scheduleAtFixedRate(this::sample, 0, 500, TimeUnit.MILLISECONDS);
  }

  private static long readKb(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  private void sample() {
    long kb = 0;
    for (long each : GavelPids.of(pid)) {
      long one = readKb(Path.of("/proc", String.valueOf(each), "status"));
      if (one < 0 && each == pid) {
        return;
      }
      kb += Math.max(0, one);
    }
    if (kb > 0) {
      lastKb = kb;
      maxKb = Math.max(maxKb, kb);
    }
  }

  double maxMb() {
    return Recorder.round(maxKb / 1024.0);
  }

  double lastMb() {
    return Recorder.round(lastKb / 1024.0);
  }

  @Override
  public void close() {
    sample();
    timer.shutdownNow();
  }
}
