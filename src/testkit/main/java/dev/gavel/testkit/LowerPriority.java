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
   * Lowers a running process's priority, and its session's ({@link #lowerSession}); the processes
   * it starts afterwards inherit it (a postmaster's backends). Blocking (it runs {@code renice}):
   * call it off the event loop.
   */
  public static void renice(long pid) {
    lowerSession(pid);
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

  /**
   * Lowers the priority of the scheduling group of {@code pid}'s session, where Linux groups by
   * session (autogroup, {@code /proc/sys/kernel/sched_autogroup_enabled}). There a process in a
   * session of its own (setsid, or a daemon such as the postmaster) is weighed as a group against
   * each other session, and its own nice value only ranks it inside that group: niced alone, the
   * broker, PostgreSQL and the consumers each still got as much CPU as Gavel, its load client and
   * its bidders together. Does nothing where there is no autogroup.
   */
  public static void lowerSession(long pid) {
    Path group = Path.of("/proc", String.valueOf(pid), "autogroup");
    if (!Files.exists(group)) {
      return;
    }
    // A child just started may not have left this session yet (setsid runs in it first): lowering
    // the group then would lower Gavel's own. Wait for it briefly; if it never leaves, leave it be.
    long self = session(ProcessHandle.current().pid());
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (session(pid) == self && System.nanoTime() - until < 0) {
      try {
        Thread.sleep(5); // off the event loop, as every method here
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (session(pid) == self || self < 0) {
      return;
    }
    try {
      Files.writeString(group, String.valueOf(NICENESS));
    } catch (IOException e) {
      LOG.warn("lowering the session priority of pid {} failed ({}); it competes as a group of its own", pid, e.getMessage());
    }
  }

  /** The session id (field 6 of /proc/PID/stat), or -1 when it cannot be read. */
  private static long session(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3]);
    } catch (IOException | RuntimeException e) {
      return -1;
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
