package dev.gavel.tools.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The requests a load run sends, by sequence number; immutable, so lanes share one. */
interface RequestSource {

  /** @param body null for a request without one */
  record Request(HttpMethod method, String uri, Buffer body) {}

  Request at(long sequence);

  int size();

  /** POSTs to the auction endpoint, cycling through pre-built bodies. */
  static RequestSource auctions(List<Buffer> bodies) {
    List<Request> requests = bodies.stream().map(b -> new Request(HttpMethod.POST, "/openrtb2/auction", b)).toList();
    return cycle(requests);
  }

  /** GETs of the tracking URLs in {@code file} (one a line), by path and query, cycling. */
  static RequestSource urls(Path file, long limit) {
    List<String> lines;
    try (var stream = Files.lines(file)) {
      lines = stream.map(String::trim).filter(s -> !s.isEmpty()).limit(limit > 0 ? limit : Long.MAX_VALUE).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("no URLs in " + file);
    }
    return cycle(lines.stream().map(u -> new Request(HttpMethod.GET, pathAndQuery(u), null)).toList());
  }

  private static String pathAndQuery(String url) {
    URI uri = URI.create(url);
    return uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
  }

  private static RequestSource cycle(List<Request> requests) {
    return new RequestSource() {
      @Override
      public Request at(long sequence) {
        return requests.get((int) (sequence % requests.size()));
      }

      @Override
      public int size() {
        return requests.size();
      }
    };
  }
}
