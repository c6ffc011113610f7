package dev.gavel.testkit;

import java.io.IOException;
import java.io.InputStream;

/**
 * How a child process of a local run stops with its parent, even one killed with -9: the parent
 * starts it with a pipe to its standard input and never writes to it; when the pipe closes, the
 * parent is gone, and the child exits (its shutdown hooks stop it cleanly).
 */
public final class ParentWatch {
  /** The argument that asks a child's main for this. */
  public static final String FLAG = "--until-stdin-closes";

  private ParentWatch() {}

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
