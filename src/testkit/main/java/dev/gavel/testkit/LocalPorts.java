package dev.gavel.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Loopback ports for the embedded services, remembered in a small file in their data directory so a
 * restart (or the next run of {@code scripts/run}) listens where it did before when it can.
 */
final class LocalPorts {
  private final Path file;
  private final Properties values = new Properties();

  private LocalPorts(Path file) {
    this.file = file;
  }

  static LocalPorts in(Path dataDir) {
    LocalPorts ports = new LocalPorts(dataDir.resolve("ports.properties"));
    if (Files.isRegularFile(ports.file)) {
      try (InputStream in = Files.newInputStream(ports.file)) {
        ports.values.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + ports.file, e);
      }
    }
    return ports;
  }

  /**
   * The remembered port for {@code name} if it is free now, else a fresh free one (remembered).
   * Never one of {@code taken}.
   */
  int reuseOrPick(String name, int... taken) {
    String stored = values.getProperty(name);
    if (stored != null) {
      int port = Integer.parseInt(stored.trim());
      if (!contains(taken, port) && isFree(port)) {
        return port;
      }
    }
    int port = pickFree();
    while (contains(taken, port)) {
      port = pickFree();
    }
    values.setProperty(name, String.valueOf(port));
    save();
    return port;
  }

  private void save() {
    try (OutputStream out = Files.newOutputStream(file)) {
      values.store(out, "ports chosen by the embedded service; reused on the next start when free");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static boolean contains(int[] ports, int port) {
    for (int p : ports) {
      if (p == port) {
        return true;
      }
    }
    return false;
  }

  static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static int pickFree() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }
}
