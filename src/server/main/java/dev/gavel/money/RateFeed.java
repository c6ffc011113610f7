package dev.gavel.money;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gavel.config.CurrencyConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads conversion rates from {@code currency.source} at start and every {@code refreshSeconds}:
 * a file (read with Vert.x's asynchronous file system) or an http(s) URL (Vert.x's web client),
 * never blocking an event loop. The format is Prebid's currency file, so the public feed Prebid
 * Server users know works as it is: {@code {"dataAsOf": ..., "conversions": {"USD": {"EUR": 0.92,
 * ...}}}}, read as exact decimals. A failed refresh keeps the last rates (and says so); see
 * {@link CurrencyRates} for what happens once they are too old.
 */
public final class RateFeed extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(RateFeed.class);
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final int HTTP_TIMEOUT_MS = 10_000;

  private final CurrencyConfig config;
  private final CurrencyRates rates;
  private final Counter refreshed;
  private final Counter failed;
  private WebClient web;
  private long timer = -1;

  public RateFeed(CurrencyConfig config, CurrencyRates rates, MeterRegistry registry) {
    this.config = config;
    this.rates = rates;
    this.refreshed = Counter.builder("gavel.currency.refreshes").tag("result", "ok")
        .description("Reads of currency.source, by result").register(registry);
    this.failed = Counter.builder("gavel.currency.refreshes").tag("result", "failed")
        .description("Reads of currency.source, by result").register(registry);
    Gauge.builder("gavel.currency.rates.age", rates, r -> r.feedAgeMillis() < 0 ? Double.NaN : r.feedAgeMillis() / 1000.0)
        .baseUnit("seconds").description("How old the rates from currency.source are (NaN before the first read)").register(registry);
    FunctionCounter.builder("gavel.currency.stale.refusals", rates, CurrencyRates::staleRefusals)
        .description("Uses of a currency refused because only currency.source knew it and its rates were too old").register(registry);
  }

  @Override
  public Future<?> start() {
    if (isHttp(config.source())) {
      web = WebClient.create(vertx, new WebClientOptions().setUserAgent("Gavel-rates"));
    }
    timer = vertx.setPeriodic(config.refreshSeconds() * 1000L, t -> refresh());
    // Start-up does not wait on the feed: until it answers, the configured table serves.
    refresh();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    if (web != null) {
      web.close();
    }
    return Future.succeededFuture();
  }

  private void refresh() {
    read().map(RateFeed::parse).onComplete(done -> {
      if (done.succeeded()) {
        rates.update(done.result());
        refreshed.increment();
        LOG.debug("currency rates: {} currencies from {}", done.result().size(), config.source());
        return;
      }
      failed.increment();
      long ageSeconds = rates.feedAgeMillis() / 1000;
      if (rates.feedAgeMillis() < 0) {
        LOG.warn("currency rates: {} could not be read ({}); the configured table serves", config.source(), done.cause().getMessage());
      } else if (ageSeconds > config.maxAgeSeconds()) {
        LOG.warn("currency rates: {} could not be read ({}); its last rates are {} s old, past currency.maxAgeSeconds ({}): "
            + "the table serves the currencies it has, the others are refused", config.source(), done.cause().getMessage(),
            ageSeconds, config.maxAgeSeconds());
      } else {
        LOG.warn("currency rates: {} could not be read ({}); keeping its rates of {} s ago", config.source(),
            done.cause().getMessage(), ageSeconds);
      }
    });
  }

  private Future<Buffer> read() {
    String source = config.source();
    if (!isHttp(source)) {
      return vertx.fileSystem().readFile(source);
    }
    return web.getAbs(source).timeout(HTTP_TIMEOUT_MS).send().compose(response -> response.statusCode() == 200
        ? Future.succeededFuture(response.bodyAsBuffer() == null ? Buffer.buffer() : response.bodyAsBuffer())
        : Future.failedFuture("HTTP " + response.statusCode()));
  }

  /** Rates per USD from Prebid's currency-file format; a currency that is not ISO 4217 or not positive is left out. */
  static Map<String, BigDecimal> parse(Buffer body) {
    JsonNode usd;
    try {
      usd = JSON.readTree(body.getBytes()).path("conversions").path("USD");
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
    if (!usd.isObject() || usd.isEmpty()) {
      throw new IllegalArgumentException("no conversions.USD object");
    }
    Map<String, BigDecimal> out = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = usd.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String code = CurrencyRates.canonical(e.getKey());
      if (e.getValue().isNumber() && e.getValue().decimalValue().signum() > 0 && CurrencyConfig.isIso4217(code)) {
        out.put(code, e.getValue().decimalValue());
      }
    }
    out.put(CurrencyRates.USD, BigDecimal.ONE);
    return out;
  }

  private static boolean isHttp(String source) {
    return source.startsWith("http://") || source.startsWith("https://");
  }
}
