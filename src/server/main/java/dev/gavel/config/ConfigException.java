package dev.gavel.config;

/** A configuration problem, with a message that names the key and says what is wrong. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
