package dev.gavel.auction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.testing.TestVertx;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The one close of an auction: at its deadline whatever is pending, or as soon as nothing is. */
class OpenAuctionTest {
  private static final Vertx VERTX = Vertx.vertx();

  @AfterAll
  static void close() {
    TestVertx.await(VERTX.close());
  }

  /** Runs an auction on an event loop, like the handler does, and waits for its close. */
  private static <R> R onLoop(java.util.function.Function<Vertx, Future<R>> auction) {
    Promise<R> result = Promise.promise();
    VERTX.runOnContext(v -> auction.apply(VERTX).onComplete(result));
    return TestVertx.await(result.future());
  }

  @Test
  void contributionsThatNeverCompleteCannotHoldTheAuctionPastItsDeadline() {
    long start = System.nanoTime();
    Deadline deadline = Deadline.of(start, 150, 50_000_000L); // closes 100 ms after start
    List<String> bids = new ArrayList<>();
    List<String> decided = onLoop(vertx -> {
      OpenAuction<List<String>> auction = new OpenAuction<>(AuctionClock.of(vertx), deadline, () -> List.copyOf(bids));
      auction.await(Promise.<String>promise().future(), bids::add); // a bidder that never answers
      auction.await(Promise.<String>promise().future(), bids::add); // anything else that hangs
      Promise<String> fast = Promise.promise();
      vertx.setTimer(10, t -> fast.complete("fast bid"));
      auction.await(fast.future(), bids::add);
      return auction.started();
    });
    long closedAfterMs = (System.nanoTime() - start) / 1_000_000L;
    assertThat(decided).containsExactly("fast bid");
    // Closed at its deadline: never early (by more than a millisecond); a timer may fire late on a busy
    // machine, but without the deadline it would never close at all.
    assertThat(closedAfterMs).isBetween(99L, 1_000L);
  }

  @Test
  void closesAsSoonAsNothingIsPendingAndIgnoresWhatComesAfter() {
    long start = System.nanoTime();
    Deadline deadline = Deadline.of(start, 5_000, 0);
    List<String> bids = new java.util.concurrent.CopyOnWriteArrayList<>();
    Promise<String> late = Promise.promise();
    List<String> decided = onLoop(vertx -> {
      OpenAuction<List<String>> auction = new OpenAuction<>(AuctionClock.of(vertx), deadline, () -> List.copyOf(bids));
      Promise<String> first = Promise.promise();
      vertx.setTimer(5, t -> first.complete("a"));
      auction.await(first.future(), bids::add);
      auction.await(Future.succeededFuture("b"), bids::add);
      return auction.started();
    });
    assertThat((System.nanoTime() - start) / 1_000_000L).isLessThan(1_000L);
    assertThat(decided).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void aFailedContributionCountsAsDoneAndAFailingDecisionFailsTheAuction() {
    Deadline deadline = Deadline.of(System.nanoTime(), 5_000, 0);
    List<String> decided = onLoop(vertx -> {
      OpenAuction<List<String>> auction = new OpenAuction<>(AuctionClock.of(vertx), deadline, () -> List.of("decided"));
      auction.await(Future.<String>failedFuture("bidder broke"), s -> {});
      return auction.started();
    });
    assertThat(decided).containsExactly("decided");

    Throwable failure = onLoop(vertx -> new OpenAuction<String>(AuctionClock.of(vertx), deadline, () -> {
      throw new IllegalStateException("bug");
    }).started().transform(done -> Future.succeededFuture(done.cause())));
    assertThat(failure).hasMessage("bug");
  }
}
