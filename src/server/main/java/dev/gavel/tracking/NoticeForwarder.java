package dev.gavel.tracking;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls an external bidder's own win (nurl) or billing (burl) notice server-side, once per event
 * loop's client, retrying a bounded number of times with exponential backoff on vertx timers.
 * Nobody waits on it: the tracking hit was answered before the first attempt.
 */
public final class NoticeForwarder {
  private static final Logger LOG = LoggerFactory.getLogger(NoticeForwarder.class);
  static final long FIRST_BACKOFF_MS = 100;
  private static final long ATTEMPT_TIMEOUT_MS = 2_000;
  /** Bounds the memory a dead bidder can pin: past this queue, notices fail fast and are counted. */
  private static final int MAX_QUEUED_REQUESTS = 1_000;

  private final Vertx vertx;
  private final WebClient client;
  private final int maxAttempts;
  private final TrackingMetrics metrics;

  NoticeForwarder(Vertx vertx, int maxAttempts, TrackingMetrics metrics) {
    this.vertx = vertx;
    this.maxAttempts = maxAttempts;
    this.metrics = metrics;
    WebClientOptions options = new WebClientOptions()
        .setKeepAlive(true)
        .setConnectTimeout((int) ATTEMPT_TIMEOUT_MS)
        .setFollowRedirects(true)
        .setUserAgent("Gavel/0.1 (OpenRTB 2.6)");
    this.client = WebClient.create(vertx, options, new PoolOptions().setHttp1MaxSize(20).setMaxWaitQueueSize(MAX_QUEUED_REQUESTS));
  }

  /** Completes with true once the bidder answered 2xx, false when it gave up; never fails. */
  public Future<Boolean> forward(String url) {
    Promise<Boolean> result = Promise.promise();
    attempt(url, 1, result);
    return result.future().onSuccess(metrics::notice);
  }

  public Future<Void> close() {
    client.close();
    return Future.succeededFuture();
  }

  private void attempt(String url, int attempt, Promise<Boolean> result) {
    Future<Integer> status;
    try {
      status = client.getAbs(url).timeout(ATTEMPT_TIMEOUT_MS).send().map(response -> response.statusCode());
    } catch (RuntimeException e) {
      // A URL the client cannot even parse will not get better on retry.
      LOG.debug("notice URL refused by the client: {}", url, e);
      result.complete(false);
      return;
    }
    status.onComplete(done -> {
      int code = done.succeeded() ? done.result() : -1;
      if (code >= 200 && code < 300) {
        result.complete(true);
      } else if (attempt < maxAttempts && retryable(code)) {
        long backoff = FIRST_BACKOFF_MS << (attempt - 1);
        vertx.setTimer(backoff, id -> attempt(url, attempt + 1, result));
      } else {
        LOG.debug("notice to {} failed after {} attempt(s): {}", url, attempt,
            done.succeeded() ? "HTTP " + code : done.cause().toString());
        result.complete(false);
      }
    });
  }

  /** Network errors, timeouts, 5xx and 429 may pass; any other answer is the bidder's final word. */
  private static boolean retryable(int status) {
    return status < 0 || status >= 500 || status == 429;
  }
}
