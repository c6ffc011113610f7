package dev.gavel.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.config.CurrencyConfig;
import dev.gavel.testing.Eventually;
import dev.gavel.testing.TestVertx;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Conversion rates from a file or a URL, refreshed, and refused once too old unless the table has them. */
class RateFeedTest {
  private static final Map<String, BigDecimal> TABLE = Map.of("USD", BigDecimal.ONE, "EUR", new BigDecimal("0.92"));

  @TempDir
  Path dir;
  private Vertx vertx;
  private SimpleMeterRegistry registry;

  @BeforeEach
  void start() {
    vertx = TestVertx.create(TestVertx.registry()); // its blocked-thread checker fails a blocking read
    registry = new SimpleMeterRegistry();
  }

  @AfterEach
  void stop() {
    TestVertx.await(vertx.close());
  }

  private static String prebidFile(String sek, String eur) {
    return "{\"dataAsOf\":\"2026-12-01\",\"conversions\":{\"USD\":{\"SEK\":" + sek + ",\"EUR\":" + eur + ",\"XXQ\":3,\"JPY\":-1}}}";
  }

  /** A feed refreshing every second (below what config allows, to keep the test short). */
  private CurrencyRates deployed(String source) {
    CurrencyRates rates = new CurrencyRates(new CurrencyConfig(TABLE, source, 1, 3600));
    TestVertx.await(vertx.deployVerticle(new RateFeed(new CurrencyConfig(TABLE, source, 1, 3600), rates, registry)));
    return rates;
  }

  @Test
  void prebidsCurrencyFileIsReadAsExactDecimalsAndBadEntriesAreLeftOut() {
    Map<String, BigDecimal> rates = RateFeed.parse(Buffer.buffer(prebidFile("10.4213", "0.9311")));
    assertThat(rates).containsOnlyKeys("USD", "SEK", "EUR");
    assertThat(rates.get("SEK")).isEqualTo(new BigDecimal("10.4213"));
    assertThatThrownBy(() -> RateFeed.parse(Buffer.buffer("{\"rates\":{}}"))).hasMessageContaining("conversions.USD");
    assertThatThrownBy(() -> RateFeed.parse(Buffer.buffer("<html>"))).hasMessageContaining("not JSON");
  }

  @Test
  void aFileSourceIsReadAtStartAndAgainOnItsSchedule() throws IOException {
    Path file = dir.resolve("rates.json");
    Files.writeString(file, prebidFile("10.50", "0.95"));
    CurrencyRates rates = deployed(file.toString());
    Eventually.await("the file's rates", () -> rates.supports("SEK"), Duration.ofSeconds(5));
    assertThat(rates.convert(1_000_000, "USD", "EUR", RoundingMode.DOWN)).isEqualTo(950_000); // the feed wins over the table

    Files.writeString(file, prebidFile("11.00", "0.96"));
    Eventually.await("the refreshed rates", () -> rates.convert(1_000_000, "USD", "SEK", RoundingMode.DOWN) == 11_000_000,
        Duration.ofSeconds(5));

    Files.delete(file); // a failed refresh keeps the last rates
    Eventually.await("a failed refresh", () -> registry.find("gavel.currency.refreshes").tag("result", "failed").counter().count() > 0,
        Duration.ofSeconds(5));
    assertThat(rates.convert(1_000_000, "USD", "SEK", RoundingMode.DOWN)).isEqualTo(11_000_000);
  }

  @Test
  void anHttpSourceIsReadToo() {
    int port = TestVertx.await(vertx.createHttpServer()
        .requestHandler(req -> req.response().putHeader("content-type", "application/json").end(prebidFile("10.25", "0.93")))
        .listen(0, "127.0.0.1")).actualPort();
    CurrencyRates rates = deployed("http://127.0.0.1:" + port + "/rates.json");
    Eventually.await("the URL's rates", () -> rates.supports("SEK"), Duration.ofSeconds(5));
    assertThat(rates.convert(2_000_000, "USD", "SEK", RoundingMode.DOWN)).isEqualTo(20_500_000);
  }

  @Test
  void pastTheStalenessLimitTheTableServesWhatItHasAndTheRestIsRefused() {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    CurrencyRates rates = new CurrencyRates(new CurrencyConfig(TABLE, "rates.json", 3600, 86_400), clock);
    rates.update(Map.of("USD", BigDecimal.ONE, "SEK", new BigDecimal("10.50"), "EUR", new BigDecimal("0.95")));
    clock.advance(Duration.ofHours(24));
    assertThat(rates.supports("SEK")).isTrue(); // exactly at the limit: still fresh
    assertThat(rates.convert(1_000_000, "USD", "EUR", RoundingMode.DOWN)).isEqualTo(950_000);

    clock.advance(Duration.ofSeconds(1));
    assertThat(rates.supports("SEK")).isFalse();
    assertThat(rates.choose(java.util.List.of("SEK", "EUR"))).isEqualTo("EUR");
    assertThat(rates.convert(1_000_000, "USD", "EUR", RoundingMode.DOWN)).isEqualTo(920_000); // the table's
    assertThat(rates.staleRefusals()).isEqualTo(2);
  }

  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
