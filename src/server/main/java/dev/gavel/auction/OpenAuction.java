package dev.gavel.auction;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One auction between its start and its close, on its event loop. Its close timer is armed
 * first, before any work, and the auction closes exactly once: when the timer fires or when
 * nothing it waits for is pending, whichever comes first. Whatever is still pending then (a
 * bidder call, anything added later) is left behind and what it brings afterwards is ignored, so
 * no contribution, however slow or broken, can hold an auction past its close.
 *
 * @param <R> what the auction decides at its close
 */
final class OpenAuction<R> {
  private final AuctionClock clock;
  private final Supplier<R> decide;
  private final Promise<R> closed = Promise.promise();
  private final long timer;
  private int pending;
  private boolean started;

  /** @param decide builds the result from what has arrived; runs once, at the close */
  OpenAuction(AuctionClock clock, Deadline deadline, Supplier<R> decide) {
    this.clock = clock;
    this.decide = decide;
    long delayMs = Math.max(1, (deadline.closeNanos() - clock.nanoTime()) / 1_000_000L);
    this.timer = clock.setTimer(delayMs, this::close);
  }

  /**
   * Waits for {@code contribution} until the close: if it completes before, {@code apply} takes
   * its value (on this event loop); if not, it is dropped. A failed contribution counts as done.
   */
  <T> void await(Future<T> contribution, Consumer<T> apply) {
    pending++;
    contribution.onComplete(done -> {
      if (isClosed()) {
        return;
      }
      if (done.succeeded()) {
        apply.accept(done.result());
      }
      if (--pending == 0 && started) {
        close();
      }
    });
  }

  /** Every contribution is registered: closes now if none is pending, else at the first of the deadline or the last of them. */
  Future<R> started() {
    started = true;
    if (pending == 0) {
      close();
    }
    return closed.future();
  }

  /** The auction could not be set up (a bug): it closes now, failed, and its timer is cancelled. */
  Future<R> fail(RuntimeException cause) {
    if (!isClosed()) {
      clock.cancelTimer(timer);
      closed.fail(cause);
    }
    return closed.future();
  }

  boolean isClosed() {
    return closed.future().isComplete();
  }

  private void close() {
    if (isClosed()) {
      return;
    }
    clock.cancelTimer(timer);
    try {
      closed.complete(decide.get());
    } catch (RuntimeException e) {
      closed.fail(e);
    }
  }
}
