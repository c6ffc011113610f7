package dev.gavel.tools.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.TimeUnit;

/**
 * One event loop's share of a load run, with its own HTTP client and recorder. Sequence numbers
 * interleave across lanes ({@code index + n * lanes}), so together the lanes walk the request
 * source in order, each request once before any repeats.
 */
final class Lane extends VerticleBase {
  static final String USER_AGENT =
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
  private static final long TICK_MS = 1;

  private final LoadPlan plan;
  private final int index;
  private final int lanes;
  private final Recorder recorder;
  private final Recorder warmup;
  private final Promise<Recorder> done = Promise.promise();
  private HttpClient client;
  private long startNanos;
  private long recordFromNanos;
  private long endNanos;
  private long issued;
  private long inFlight;
  private long openTotal;
  private String firstError;
  private RequestOptions[] options;

  Lane(LoadPlan plan, int index, int lanes) {
    this.plan = plan.share(index, lanes);
    this.index = index;
    this.lanes = lanes;
    this.recorder = new Recorder((long) (plan.lateThresholdMs() * 1000));
    this.warmup = new Recorder(0);
  }

  Future<Recorder> done() {
    return done.future();
  }

  String firstError() {
    return firstError;
  }

  @Override
  public Future<?> start() {
    options = new RequestOptions[plan.source().size()];
    int pool = Math.max(1, plan.connections());
    client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setPipelining(false)
            .setConnectTimeout((int) Math.min(plan.timeoutMs(), 10_000)),
        new PoolOptions().setHttp1MaxSize(pool).setMaxWaitQueueSize(-1));
    startNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
    recordFromNanos = startNanos + TimeUnit.MILLISECONDS.toNanos(plan.warmupMs());
    endNanos = recordFromNanos + TimeUnit.MILLISECONDS.toNanos(plan.durationMs());
    if (plan.mode() == LoadPlan.Mode.OPEN) {
      openTotal = (long) Math.floor(plan.rate() * (plan.warmupMs() + plan.durationMs()) / 1000.0);
      if (plan.maxRequests() > 0) {
        openTotal = Math.min(openTotal, plan.maxRequests());
      }
      vertx.setPeriodic(TICK_MS, id -> openTick(id));
    } else {
      vertx.setTimer(20, id -> {
        for (int c = 0; c < plan.connections(); c++) {
          closedNext();
        }
      });
    }
    long hardStopMs = 20 + plan.warmupMs() + plan.durationMs() + plan.timeoutMs() + 5_000;
    vertx.setTimer(hardStopMs, id -> finish());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    return client == null ? Future.succeededFuture() : client.close();
  }

  /** Sends every request whose intended time has come, each stamped with that intended time. */
  private void openTick(long timerId) {
    double intervalNanos = 1e9 / plan.rate();
    // Lanes are offset by a fraction of an interval, so their requests interleave evenly.
    long offset = (long) (intervalNanos * index / lanes);
    long now = System.nanoTime();
    while (issued < openTotal) {
      long intended = startNanos + offset + (long) (issued * intervalNanos);
      if (intended > now) {
        break;
      }
      send(index + issued * lanes, intended, intended >= recordFromNanos, null);
      issued++;
    }
    if (issued >= openTotal) {
      vertx.cancelTimer(timerId);
      maybeFinish();
    }
  }

  private void closedNext() {
    long now = System.nanoTime();
    boolean capped = plan.maxRequests() > 0 && issued >= plan.maxRequests();
    if (now >= endNanos || capped) {
      maybeFinish();
      return;
    }
    send(index + issued * lanes, now, now >= recordFromNanos, this::closedNext);
    issued++;
  }

  private void send(long sequence, long intendedNanos, boolean record, Runnable then) {
    RequestSource.Request r = plan.source().at(sequence);
    Recorder target = record ? recorder : warmup;
    target.sent(intendedNanos);
    inFlight++;
    client.request(optionsFor(sequence, r))
        .compose(req -> r.body() == null ? req.send() : req.send(r.body()))
        .compose(resp -> plan.onResponse() == null && !plan.classify()
            ? resp.end().map(v -> new Answer(resp.statusCode(), Answer.UNREAD))
            : resp.body().map(body -> {
              if (plan.onResponse() != null) {
                plan.onResponse().accept(resp.statusCode(), body);
              }
              return new Answer(resp.statusCode(), plan.classify() ? Answer.kind(resp.statusCode(), body) : Answer.UNREAD);
            }))
        .onComplete(ar -> {
          long end = System.nanoTime();
          inFlight--;
          if (ar.succeeded()) {
            target.answered(ar.result(), intendedNanos, end);
          } else {
            target.failed(intendedNanos, end);
            if (firstError == null) {
              firstError = String.valueOf(ar.cause());
            }
          }
          if (then != null) {
            then.run();
          } else {
            maybeFinish();
          }
        });
  }

  /** Built once per distinct request, then reused: the client does as little as it can per send. */
  private RequestOptions optionsFor(long sequence, RequestSource.Request r) {
    int slot = (int) (sequence % options.length);
    RequestOptions o = options[slot];
    if (o == null) {
      o = new RequestOptions().setMethod(r.method()).setHost(plan.host()).setPort(plan.port())
          .setURI(r.uri()).setIdleTimeout(plan.timeoutMs()).putHeader("user-agent", USER_AGENT);
      if (r.body() != null) {
        o.putHeader("content-type", "application/json");
      }
      options[slot] = o;
    }
    return o;
  }

  private void maybeFinish() {
    boolean allIssued = plan.mode() == LoadPlan.Mode.OPEN ? issued >= openTotal
        : System.nanoTime() >= endNanos || (plan.maxRequests() > 0 && issued >= plan.maxRequests());
    if (allIssued && inFlight == 0) {
      finish();
    }
  }

  private void finish() {
    done.tryComplete(recorder);
  }
}
