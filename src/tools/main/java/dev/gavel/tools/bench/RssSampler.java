package dev.gavel.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Samples a process's resident set size (VmRSS in /proc/PID/status) twice a second. */
final class RssSampler implements AutoCloseable {
  private final Path status;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "rss-sampler");
    t.setDaemon(true);
    return t;
  });
  private volatile long maxKb;
  private volatile long lastKb;

  RssSampler(long pid) {
    this.status = Path.of("/proc", String.valueOf(pid), "status");
    timer.scheduleAtFixedRate(this::sample, 0, 500, TimeUnit.MILLISECONDS);
  }

  static long readKb(Path status) {
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
    long kb = readKb(status);
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
