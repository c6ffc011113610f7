package dev.gavel.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Inflates gzip request bodies in memory with a hard cap on the inflated size, so a corrupt body
 * is a clear 400 and a zip bomb a 413, rather than a dropped connection. (Netty's decompressor
 * closes the connection on corrupt input, which a publisher cannot tell from an outage.)
 */
public final class GzipBodies {
  private GzipBodies() {}

  /** A body that inflates past the limit. */
  public static final class TooLargeException extends Exception {
    TooLargeException() {
      super("the inflated request body exceeds the configured limit", null, false, false);
    }
  }

  public static byte[] inflate(byte[] compressed, int maxBytes) throws IOException, TooLargeException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed), 8192)) {
      byte[] out = new byte[Math.min(maxBytes + 1, Math.max(1024, compressed.length * 4))];
      int size = 0;
      while (true) {
        if (size == out.length) {
          if (out.length > maxBytes) {
            throw new TooLargeException();
          }
          out = java.util.Arrays.copyOf(out, Math.min(maxBytes + 1, out.length * 2));
        }
        int read = in.read(out, size, out.length - size);
        if (read < 0) {
          return java.util.Arrays.copyOf(out, size);
        }
        size += read;
        if (size > maxBytes) {
          throw new TooLargeException();
        }
      }
    }
  }
}
