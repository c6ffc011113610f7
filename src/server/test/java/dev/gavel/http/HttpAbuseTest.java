package dev.gavel.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.testing.GavelHarness;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a broken or hostile HTTP client gets, at the socket: an answer, and a connection that does not linger. */
class HttpAbuseTest {
  private static GavelHarness gavel;

  @BeforeAll
  static void start() {
    gavel = GavelHarness.fromJson("abuse", new JsonObject()
        .put("verticles", new JsonObject().put("roles", new io.vertx.core.json.JsonArray().add("serve"))));
  }

  @AfterAll
  static void stop() {
    gavel.close();
  }

  /** What the server sent until it closed the connection; fails if it is still open after 5 s. */
  private static String exchange(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", gavel.port)) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[4096];
      try {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          got.write(buffer, 0, n);
        }
      } catch (SocketTimeoutException e) {
        throw new AssertionError("the connection was still open 5 s later; received: " + got.toString(StandardCharsets.ISO_8859_1));
      }
      return got.toString(StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void anOversizedBodyGets413AndTheConnectionIsClosed() throws IOException {
    for (String connection : new String[] {"Connection: close\r\n", ""}) {
      String answer = exchange("POST /openrtb2/auction HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: 999999999\r\n" + connection + "\r\n{\"id\":");
      assertThat(answer).startsWith("HTTP/1.1 413").contains("body_too_large").containsIgnoringCase("connection: close");
    }
  }

  /**
   * A client that sends the whole oversized body before it reads (as most do) still gets the 413:
   * a connection closed with its bytes unread is reset, and the reset can take the answer with it.
   */
  @Test
  void aClientStillSendingAnOversizedBodyReadsThe413() throws Exception {
    byte[] body = new byte[4 * 1024 * 1024];
    java.util.Arrays.fill(body, (byte) ' ');
    for (int i = 0; i < 5; i++) {
      try (Socket socket = new Socket("127.0.0.1", gavel.port)) {
        socket.setSoTimeout(5_000);
        socket.getOutputStream().write(("POST /openrtb2/auction HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().write(body);
        socket.getOutputStream().flush();
        String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(answer).as("attempt " + i).startsWith("HTTP/1.1 413").contains("body_too_large");
      }
    }
  }

  @Test
  void aMalformedChunkSizeGets400AndCannotFloodTheLog() throws IOException {
    ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(HttpServerVerticle.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged = new ch.qos.logback.core.read.ListAppender<>();
    logged.start();
    root.addAppender(logged);
    try {
      for (int i = 0; i < 20; i++) {
        String answer = exchange("POST /openrtb2/auction HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{\"id\":\"x\"}\r\n0\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400").contains("bad_request").contains("chunk size");
      }
    } finally {
      root.detachAppender(logged);
    }
    // One line per 10 s: 20 requests in under 30 s (they take well under one here) log at most 3.
    assertThat(logged.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN))
        .as("log lines for 20 malformed requests").hasSizeLessThanOrEqualTo(3)
        .allMatch(e -> e.getThrowableProxy() == null && e.getLevel() == ch.qos.logback.classic.Level.WARN);
  }
}
