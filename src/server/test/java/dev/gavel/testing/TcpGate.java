package dev.gavel.testing;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A port that is either closed (connections refused, as to a stopped server) or forwards to a real
 * server: an outage of one client's view of a shared test server, without stopping it for others.
 * For Kafka it gates the bootstrap only: a client that got metadata through it talks to the broker
 * directly; a new client finds the broker only while the gate is open.
 */
public final class TcpGate implements AutoCloseable {
  private final Vertx vertx;
  private final int port;
  private final String targetHost;
  private final int targetPort;
  private final NetClient client;
  private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();
  private NetServer server;

  public TcpGate(Vertx vertx, String targetHost, int targetPort) {
    this.vertx = vertx;
    this.port = TestVertx.freePort();
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.client = vertx.createNetClient();
  }

  public int port() {
    return port;
  }

  public synchronized void open() {
    if (server != null) {
      return;
    }
    server = TestVertx.await(vertx.createNetServer().connectHandler(this::forward).listen(port, "127.0.0.1"));
  }

  /** Stops listening and cuts every connection made through it. */
  public synchronized void shut() {
    if (server == null) {
      return;
    }
    TestVertx.await(server.close());
    server = null;
    sockets.forEach(NetSocket::close);
    sockets.clear();
  }

  private void forward(NetSocket downstream) {
    downstream.pause();
    sockets.add(downstream);
    client.connect(targetPort, targetHost).onSuccess(upstream -> {
      sockets.add(upstream);
      downstream.pipeTo(upstream);
      upstream.pipeTo(downstream);
      downstream.resume();
    }).onFailure(e -> downstream.close());
  }

  @Override
  public void close() {
    shut();
    TestVertx.await(client.close());
  }
}
