package dev.gavel.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The campaign admin API: where it listens (loopback by default: put it behind your own access
 * control before exposing it) and who may use it. Tokens are kept as SHA-256 hashes only; the
 * bootstrap token ({@code GAVEL_ADMIN_BOOTSTRAP_TOKEN}) is hashed as it is read and its clear text
 * kept nowhere.
 */
public record AdminConfig(boolean enabled, String host, int port, List<Token> tokens) {

  public enum Role { READ, WRITE }

  /** @param sha256 the token's SHA-256 digest (32 bytes) */
  public record Token(String name, byte[] sha256, Role role) {}

  static AdminConfig from(ConfigReader r) {
    List<Token> tokens = new ArrayList<>(r.list("tokens", AdminConfig::token));
    Set<String> names = new HashSet<>();
    for (Token t : tokens) {
      if (!names.add(t.name())) {
        throw new ConfigException(r.key("tokens") + ": the name '" + t.name() + "' is used twice");
      }
    }
    String bootstrap = r.optionalString("bootstrapToken");
    if (!bootstrap.isEmpty()) {
      if (bootstrap.length() < 16) {
        throw new ConfigException(r.key("bootstrapToken") + ": must be at least 16 characters (GAVEL_ADMIN_BOOTSTRAP_TOKEN)");
      }
      tokens.add(new Token("bootstrap", Sha256.of(bootstrap), Role.WRITE));
    }
    return new AdminConfig(r.boolValue("enabled", true), r.string("host", "127.0.0.1"), r.intValue("port", 8081, 0, 65535),
        List.copyOf(tokens));
  }

  private static Token token(ConfigReader r) {
    String hex = r.requiredString("sha256").toLowerCase(Locale.ROOT);
    byte[] digest;
    try {
      digest = HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      digest = new byte[0];
    }
    if (digest.length != 32) {
      throw new ConfigException(r.key("sha256") + ": expected 64 hex digits (the SHA-256 of the token: printf %s TOKEN | sha256sum)");
    }
    String role = r.string("role", "read").toUpperCase(Locale.ROOT);
    if (!role.equals("READ") && !role.equals("WRITE")) {
      throw new ConfigException(r.key("role") + ": expected read or write, got '" + role.toLowerCase(Locale.ROOT) + "'");
    }
    return new Token(r.requiredString("name"), digest, Role.valueOf(role));
  }
}
