package dev.gavel.auction;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;

/**
 * A bidder's response body, refused once it passes a size (counted after any gzip inflation), so
 * a partner cannot make Gavel buffer megabytes per auction. The refusal fails the call with
 * {@link TooLargeException}.
 */
final class CappedBody implements BodyCodec<Buffer> {
  private final int maxBytes;

  CappedBody(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  static final class TooLargeException extends RuntimeException {
    TooLargeException(int maxBytes) {
      super("response body over " + maxBytes + " bytes (bidderClient.maxResponseBytes): refused", null, false, false);
    }
  }

  @Override
  public BodyStream<Buffer> stream() {
    return new BodyStream<>() {
      private final Buffer body = Buffer.buffer();
      private final Promise<Buffer> result = Promise.promise();

      @Override
      public Future<Buffer> result() {
        return result.future();
      }

      @Override
      public void handle(Throwable failure) {
        result.tryFail(failure);
      }

      @Override
      public Future<Void> write(Buffer data) {
        if (result.future().isComplete()) {
          return Future.succeededFuture(); // refused already: the rest is dropped
        }
        if (body.length() + data.length() > maxBytes) {
          result.tryFail(new TooLargeException(maxBytes));
        } else {
          body.appendBuffer(data);
        }
        return Future.succeededFuture();
      }

      @Override
      public Future<Void> end() {
        result.tryComplete(body);
        return Future.succeededFuture();
      }

      @Override
      public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        return this;
      }

      @Override
      public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
        return this;
      }

      @Override
      public boolean writeQueueFull() {
        return false;
      }

      @Override
      public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
        return this;
      }
    };
  }
}
