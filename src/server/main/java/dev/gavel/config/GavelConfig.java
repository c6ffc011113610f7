package dev.gavel.config;

import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The whole configuration, parsed and validated once at start-up. Every key has a default here, so
 * a config file only needs what it changes; {@code conf/gavel.yaml} lists them all.
 */
public record GavelConfig(
    HttpConfig http,
    VerticlesConfig verticles,
    AuctionConfig auction,
    CurrencyConfig currency,
    BidderClientConfig bidderClient,
    List<BidderConfig> bidders,
    KafkaConfig kafka,
    PostgresConfig postgres,
    EmbeddedConfig embedded,
    TrackingConfig tracking,
    FraudConfig fraud,
    WarmUpConfig warmUp,
    SupplyChainConfig supplyChain,
    AdminConfig admin) {

  /** The same config with these tracking settings. */
  public GavelConfig withTracking(TrackingConfig newTracking) {
    return new GavelConfig(http, verticles, auction, currency, bidderClient, bidders, kafka, postgres, embedded, newTracking, fraud,
        warmUp, supplyChain, admin);
  }

  /** The same config pointed at these Kafka and PostgreSQL settings. */
  public GavelConfig withServices(KafkaConfig newKafka, PostgresConfig newPostgres) {
    return new GavelConfig(http, verticles, auction, currency, bidderClient, bidders, newKafka, newPostgres, embedded, tracking, fraud,
        warmUp, supplyChain, admin);
  }

  /** The same config with these verticle roles and instances. */
  public GavelConfig withVerticles(VerticlesConfig newVerticles) {
    return new GavelConfig(http, newVerticles, auction, currency, bidderClient, bidders, kafka, postgres, embedded, tracking, fraud,
        warmUp, supplyChain, admin);
  }

  public static GavelConfig from(JsonObject json) {
    ConfigReader root = new ConfigReader(json, "");
    List<BidderConfig> bidders = root.list("bidders", BidderConfig::from);
    Set<String> names = new HashSet<>();
    for (BidderConfig bidder : bidders) {
      if (!names.add(bidder.name())) {
        throw new ConfigException("bidders: the name '" + bidder.name() + "' is used twice");
      }
    }
    AuctionConfig auction = AuctionConfig.from(root.section("auction"));
    if (names.contains(auction.houseSeat())) {
      throw new ConfigException("bidders: the name '" + auction.houseSeat() + "' is the house seat (auction.houseSeat)");
    }
    HttpConfig http = HttpConfig.from(root.section("http"));
    return new GavelConfig(
        http,
        VerticlesConfig.from(root.section("verticles")),
        auction,
        CurrencyConfig.from(root.section("currency")),
        BidderClientConfig.from(root.section("bidderClient")),
        bidders,
        KafkaConfig.from(root.section("kafka")),
        PostgresConfig.from(root.section("postgres")),
        EmbeddedConfig.from(root.section("embedded")),
        TrackingConfig.from(root.section("tracking"), http.port()),
        FraudConfig.from(root.section("fraud")),
        WarmUpConfig.from(root.section("warmUp")),
        SupplyChainConfig.from(root.section("supplyChain")),
        AdminConfig.from(root.section("admin")));
  }
}
