package dev.gavel.config;

import java.util.List;

/**
 * Signed tracking URLs. The first key signs new tokens; the others are still accepted, so a key
 * can be rotated without breaking URLs already in flight.
 *
 * @param publicBaseUrl what publishers' browsers reach Gavel at, e.g. https://track.example.com;
 *     unset, it is http://127.0.0.1 on Gavel's own port (local use)
 * @param keyFile where the key is kept when {@code keys} names none ({@link TrackingKeyFile}); empty: none kept
 */
public record TrackingConfig(
    String publicBaseUrl, List<SigningKey> keys, int ttlSeconds, int clickTtlSeconds, int notifyAttempts, String keyFile) {

  public record SigningKey(String id, String secret) {}

  /** The id of the key made up at start-up when none is configured. */
  public static final String EPHEMERAL_KEY_ID = "ephemeral";

  /** The same settings signing with these keys. */
  public TrackingConfig withKeys(List<SigningKey> newKeys) {
    return new TrackingConfig(publicBaseUrl, newKeys, ttlSeconds, clickTtlSeconds, notifyAttempts, keyFile);
  }

  /** True when no key was configured (nor kept): URLs then die with the process. */
  public boolean ephemeral() {
    return keys.size() == 1 && keys.get(0).id().equals(EPHEMERAL_KEY_ID);
  }

  private static SigningKey ephemeralKey() {
    byte[] secret = new byte[32];
    new java.security.SecureRandom().nextBytes(secret);
    return new SigningKey(EPHEMERAL_KEY_ID, java.util.HexFormat.of().formatHex(secret));
  }

  static TrackingConfig from(ConfigReader r, int httpPort) {
    List<SigningKey> keys = r.list("keys", k -> {
      String id = k.requiredString("id");
      if (!id.matches("[A-Za-z0-9_-]{1,16}")) {
        throw new ConfigException(k.key("id") + ": use 1-16 letters, digits, '-' or '_'");
      }
      String secret = k.requiredString("secret");
      if (secret.length() < 32) {
        throw new ConfigException(k.key("secret") + ": must be at least 32 characters");
      }
      return new SigningKey(id, secret);
    });
    if (keys.isEmpty()) {
      keys = List.of(ephemeralKey());
    }
    String configured = r.json().getString("publicBaseUrl", "").trim();
    String base = configured.isEmpty() ? "http://127.0.0.1:" + httpPort : configured;
    return new TrackingConfig(base.endsWith("/") ? base.substring(0, base.length() - 1) : base, keys,
        r.intValue("ttlSeconds", 3600, 1, 30 * 86400),
        r.intValue("clickTtlSeconds", 86400, 1, 30 * 86400),
        r.intValue("notifyAttempts", 3, 1, 10),
        r.optionalPath("keyFile", "data/tracking-key"));
  }
}
