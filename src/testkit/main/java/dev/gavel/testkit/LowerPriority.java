package dev.gavel.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lower CPU priority (Unix niceness) for what a local run starts beside Gavel: the broker and the
 * database are the event path's, and the auction should win a core when they compete. Where
 * {@code nice} and {@code renice} are not found, everything runs at the usual priority.
 */
public final class LowerPriority {
  private static final Logger LOG = LoggerFactory.getLogger(LowerPriority.class);
  public static final int NICENESS = 10;

  private LowerPriority() {}

  /**
   * What to run a child command behind: {@code setsid} (a session of its own, so a Ctrl-C in the
   * terminal reaches only Gavel, which then stops the child in order) and {@code nice -n 10}, each
   * where it exists. Both exec the command: the child keeps the pid it was started with.
   */
  public static java.util.List<String> prefix() {
    java.util.List<String> prefix = new java.util.ArrayList<>();
    Path setsid = onPath("setsid");
    if (setsid != null) {
      prefix.add(setsid.toString());
    }
    Path nice = onPath("nice");
    if (nice != null) {
      prefix.addAll(java.util.List.of(nice.toString(), "-n", String.valueOf(NICENESS)));
    }
    return prefix;
  }

  /**
   * Lowers a running process's priority; the processes it starts afterwards inherit it (a
   * postmaster's backends). Blocking (it runs {@code renice}): call it off the event loop.
   */
  public static void renice(long pid) {
    Path renice = onPath("renice");
    if (renice == null) {
      return;
    }
    try {
      Process p = new ProcessBuilder(renice.toString(), "-n", String.valueOf(NICENESS), "-p", String.valueOf(pid))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
        LOG.warn("renice of pid {} did not work; it keeps its priority", pid);
      }
    } catch (IOException e) {
      LOG.warn("renice of pid {} failed ({}); it keeps its priority", pid, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Path onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
