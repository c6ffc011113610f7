package dev.gavel.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a child process of a local run stops with its parent, even one killed with -9: the parent
 * starts it with a pipe to its standard input and never writes to it; when the pipe closes, the
 * parent is gone, and the child exits (its shutdown hooks stop it cleanly). The parent stops it
 * in order with {@link #stopChild}.
 */
public final class ParentWatch {
  private static final Logger LOG = LoggerFactory.getLogger(ParentWatch.class);
  /** The argument that asks a child's main for this. */
  public static final String FLAG = "--until-stdin-closes";

  private ParentWatch() {}

  /**
   * The parent's side: SIGTERM the child (it stops cleanly), then kill it if it has not exited
   * within {@code seconds}. Blocking: call it off the event loop.
   */
  public static void stopChild(Process child, int seconds, String what) {
    child.destroy();
    try {
      if (!child.waitFor(seconds, TimeUnit.SECONDS)) {
        LOG.warn("{} (pid {}) did not stop within {} s: killed", what, child.pid(), seconds);
        child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      child.destroyForcibly();
    }
    LOG.info("{} stopped (pid {})", what, child.pid());
  }

  /** Exits this JVM (status 0) once {@code in} reaches its end; watched by a daemon thread. */
  public static void exitWhenClosed(InputStream in) {
    Thread watch = new Thread(() -> {
      try {
        while (in.read() >= 0) {
          // nothing is sent: only the end of the stream matters
        }
      } catch (IOException e) {
        // a broken pipe is a closed one
      }
      System.exit(0);
    }, "parent-watch");
    watch.setDaemon(true);
    watch.start();
  }
}
