package dev.gavel.tools.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time a process has used so far (utime + stime of /proc/PID/stat), all of it and its JIT
 * compiler threads' share: what a figure per event costs the server, whatever else shares the cores.
 */
record ProcessCpu(double seconds, double jitSeconds) {
  /** USER_HZ: the unit of /proc's times on Linux. */
  private static final double TICKS_PER_SECOND = 100;
  static final ProcessCpu NONE = new ProcessCpu(0, 0);

  /** Gavel's CPU ({@link GavelPids}); NONE when the process cannot be read (not Linux, gone, or no pid given). */
  static ProcessCpu of(long pid) {
    if (pid <= 0) {
      return NONE;
    }
    double seconds = 0;
    double jit = 0;
    for (long each : GavelPids.of(pid)) {
      ProcessCpu one = single(each);
      if (one == NONE && each == pid) {
        return NONE;
      }
      seconds += one.seconds;
      jit += one.jitSeconds;
    }
    return new ProcessCpu(seconds, jit);
  }

  private static ProcessCpu single(long pid) {
    if (pid <= 0) {
      return NONE;
    }
    Path proc = Path.of("/proc", String.valueOf(pid));
    try {
      double jit = 0;
      try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task"))) {
        for (Path task : tasks) {
          String stat = readOrEmpty(task.resolve("stat"));
          if (stat.contains("(C1 CompilerThre") || stat.contains("(C2 CompilerThre")) {
            jit += ticks(stat);
          }
        }
      }
      return new ProcessCpu(ticks(Files.readString(proc.resolve("stat"))) / TICKS_PER_SECOND, jit / TICKS_PER_SECOND);
    } catch (IOException | RuntimeException e) {
      return NONE;
    }
  }

  ProcessCpu since(ProcessCpu start) {
    return new ProcessCpu(seconds - start.seconds, jitSeconds - start.jitSeconds);
  }

  /** This CPU time as a run's figures, spread over the {@code requests} it served (Report reads these keys). */
  JsonObject toJson(long requests) {
    return new JsonObject()
        .put("serverCpuSeconds", Recorder.round(seconds))
        .put("serverJitCpuSeconds", Recorder.round(jitSeconds))
        .put("serverCpuMicrosPerRequest", requests > 0 ? Recorder.round(seconds * 1e6 / requests) : 0);
  }

  private static String readOrEmpty(Path stat) {
    try {
      return Files.readString(stat);
    } catch (IOException e) {
      return ""; // the thread ended
    }
  }

  /** utime + stime: fields 14 and 15, counted after the command name, which may hold spaces. */
  private static long ticks(String stat) {
    if (stat.isEmpty()) {
      return 0;
    }
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }
}
