package dev.gavel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

  private static JsonObject sample() {
    return new JsonObject()
        .put("http", new JsonObject().put("port", 8080).put("maxBodyBytes", 65536))
        .put("verticles", new JsonObject().put("http", new JsonObject().put("instances", 2)))
        .put("currency", new JsonObject().put("ratesPerUsd", new JsonObject().put("EUR", "0.92")))
        .put("bidders", new JsonArray().add(new JsonObject()
            .put("name", "dsp").put("url", "http://127.0.0.1:9000/bid").put("enabled", false)
            .put("mediaTypes", new JsonArray().add("banner"))));
  }

  @Test
  void defaultsFillWhatTheFileLeavesOut() {
    GavelConfig c = ConfigLoader.fromJson(new JsonObject(), Map.of());
    assertThat(c.http().port()).isEqualTo(8080);
    assertThat(c.http().maxBodyBytes()).isEqualTo(256 * 1024);
    assertThat(c.auction().defaultTmaxMs()).isEqualTo(300);
    assertThat(c.currency().ratesPerUsd()).containsEntry("USD", BigDecimal.ONE);
    assertThat(c.bidders()).isEmpty();
  }

  @Test
  void environmentVariablesOverrideIndividualKeysWithTheirType() {
    GavelConfig c = ConfigLoader.fromJson(sample(), Map.of(
        "GAVEL_HTTP_PORT", "9090",
        "GAVEL_HTTP_MAX_BODY_BYTES", "2048",
        "GAVEL_VERTICLES_HTTP_INSTANCES", "1",
        "GAVEL_BIDDERS_0_ENABLED", "true",
        "GAVEL_BIDDERS_0_MEDIA_TYPES", "banner, video",
        "GAVEL_CURRENCY_RATES_PER_USD_EUR", "0.95"));
    assertThat(c.http().port()).isEqualTo(9090);
    assertThat(c.http().maxBodyBytes()).isEqualTo(2048);
    assertThat(c.verticles().httpInstances()).isEqualTo(1);
    assertThat(c.bidders().get(0).enabled()).isTrue();
    assertThat(c.bidders().get(0).mediaTypes()).containsExactlyInAnyOrder("banner", "video");
    assertThat(c.currency().ratesPerUsd().get("EUR")).isEqualByComparingTo("0.95");
  }

  @Test
  void badValuesFailFastNamingTheKey() throws Exception {
    assertThatThrownBy(() -> ConfigLoader.fromJson(sample(), Map.of("GAVEL_HTTP_PORT", "eighty")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("environment variable GAVEL_HTTP_PORT (sets http.port): 'eighty' is not a whole number");
    // A value from the environment that fails validation: the message names the variable too.
    assertThatThrownBy(() -> ConfigLoader.fromJson(sample(), Map.of("GAVEL_HTTP_PORT", "99999")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("http.port: must be between 0 and 65535, got 99999 (the value comes from GAVEL_HTTP_PORT)");
    assertThatThrownBy(() -> dev.gavel.auction.campaign.CampaignFile.resolve("conf/no-such-campaigns.json"))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("auction.campaignsFile: ")
        .hasMessageContaining("no-such-campaigns.json does not exist").hasMessageContaining("GAVEL_AUCTION_CAMPAIGNS_FILE");
    assertThatThrownBy(() -> ConfigLoader.fromJson(sample().put("http", new JsonObject().put("port", 70000)), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessage("http.port: must be between 0 and 65535, got 70000");
    assertThatThrownBy(() -> ConfigLoader.fromJson(sample().put("currency",
        new JsonObject().put("ratesPerUsd", new JsonObject().put("XYZ", "1.0"))), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("currency.ratesPerUsd.XYZ");
    JsonObject badUrl = sample();
    badUrl.getJsonArray("bidders").getJsonObject(0).put("url", "ftp://nope");
    assertThatThrownBy(() -> ConfigLoader.fromJson(badUrl, Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("bidders[0].url");
    JsonObject tmax = sample().put("auction", new JsonObject().put("defaultTmaxMs", 2000).put("maxTmaxMs", 1000));
    assertThatThrownBy(() -> ConfigLoader.fromJson(tmax, Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("auction.defaultTmaxMs");
  }

  @Test
  void aPartialFileIsMergedOverTheShippedDefaultsAndEveryKeyTakesAnOverride() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("gavel-partial", ".yaml");
    java.nio.file.Files.writeString(file, "http:\n  maxBodyBytes: 2048\n");
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      GavelConfig c = dev.gavel.testing.TestVertx.await(ConfigLoader.load(vertx, file,
          Map.of("GAVEL_KAFKA_SPOOL_DIR", "/tmp/elsewhere", "GAVEL_HTTP_PORT", "9191",
              "GAVEL_TRACKING_KEY_FILE", file.resolveSibling(file.getFileName() + ".key").toString())));
      assertThat(c.http().maxBodyBytes()).isEqualTo(2048);
      assertThat(c.http().port()).isEqualTo(9191);
      assertThat(c.kafka().spool().dir()).isEqualTo("/tmp/elsewhere");
      assertThat(c.bidders()).extracting(BidderConfig::name).contains("sampledsp");
    } finally {
      dev.gavel.testing.TestVertx.await(vertx.close());
      java.nio.file.Files.delete(file);
    }
  }

  @Test
  void variableNamesFollowTheKeyPath() {
    assertThat(EnvOverrides.variableFor("GAVEL_HTTP", "maxBodyBytes")).isEqualTo("GAVEL_HTTP_MAX_BODY_BYTES");
    EnvOverrides overrides = new EnvOverrides(Map.of("GAVEL_HTTP_PROT", "1", "GAVEL_CONFIG", "x.yaml"));
    overrides.apply(sample());
    assertThat(overrides.unmatched()).containsExactly("GAVEL_HTTP_PROT");
  }
}
