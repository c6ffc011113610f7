package dev.gavel.auction;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;

/**
 * A bidder's response body, refused once it passes a size (counted after any gzip inflation), so
 * a partner cannot make Gavel buffer megabytes per auction. The refusal fails the read with
 * {@link TooLargeException} at once; the caller resets the exchange, so the rest is never read.
 */
final class CappedBody {
  private final int maxBytes;

  CappedBody(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  static final class TooLargeException extends RuntimeException {
    TooLargeException(int maxBytes) {
      super("response body over " + maxBytes + " bytes (bidderClient.maxResponseBytes): refused", null, false, false);
    }
  }

  Future<Buffer> read(HttpClientResponse response) {
    Promise<Buffer> result = Promise.promise();
    Buffer body = Buffer.buffer();
    response.exceptionHandler(result::tryFail);
    response.handler(data -> {
      if (result.future().isComplete()) {
        return; // refused already: the rest is dropped
      }
      if (body.length() + data.length() > maxBytes) {
        result.tryFail(new TooLargeException(maxBytes));
      } else {
        body.appendBuffer(data);
      }
    });
    response.endHandler(v -> result.tryComplete(body));
    return result.future();
  }
}
