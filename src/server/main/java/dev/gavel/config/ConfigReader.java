package dev.gavel.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Typed, path-aware reads from a config tree: each getter either returns a valid value or throws
 * a {@link ConfigException} naming the full key, so every record's parser stays a list of reads.
 */
final class ConfigReader {
  private final JsonObject json;
  private final String path;

  ConfigReader(JsonObject json, String path) {
    this.json = json == null ? new JsonObject() : json;
    this.path = path;
  }

  JsonObject json() {
    return json;
  }

  String key(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  ConfigReader section(String name) {
    Object value = json.getValue(name);
    if (value != null && !(value instanceof JsonObject)) {
      throw new ConfigException(key(name) + ": expected a section (a map of keys)");
    }
    return new ConfigReader((JsonObject) value, key(name));
  }

  int intValue(String name, int defaultValue, int min, int max) {
    Object value = json.getValue(name);
    if (value == null) {
      return defaultValue;
    }
    long parsed;
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      parsed = n.longValue();
    } else {
      throw new ConfigException(key(name) + ": expected a whole number, got '" + value + "'");
    }
    if (parsed < min || parsed > max) {
      throw new ConfigException(key(name) + ": must be between " + min + " and " + max + ", got " + parsed);
    }
    return (int) parsed;
  }

  boolean boolValue(String name, boolean defaultValue) {
    Object value = json.getValue(name);
    if (value == null) {
      return defaultValue;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    throw new ConfigException(key(name) + ": expected true or false, got '" + value + "'");
  }

  String string(String name, String defaultValue) {
    Object value = json.getValue(name);
    if (value == null) {
      return defaultValue;
    }
    if (value instanceof String s && !s.isBlank()) {
      return s.trim();
    }
    throw new ConfigException(key(name) + ": expected a non-empty string, got '" + value + "'");
  }

  /** A string that may be left empty; absent is empty too. */
  String optionalString(String name) {
    Object value = json.getValue(name);
    if (value != null && !(value instanceof String)) {
      throw new ConfigException(key(name) + ": expected a string, or empty for none, got '" + value + "'");
    }
    return value == null ? "" : ((String) value).trim();
  }

  /** A file path, {@code byDefault} when the key is absent; empty (given as "") means none. */
  String optionalPath(String name, String byDefault) {
    Object value = json.getValue(name);
    if (value != null && !(value instanceof String)) {
      throw new ConfigException(key(name) + ": expected a file path, or empty for none, got '" + value + "'");
    }
    return value == null ? byDefault : ((String) value).trim();
  }

  String requiredString(String name) {
    String value = string(name, null);
    if (value == null) {
      throw new ConfigException(key(name) + ": is required");
    }
    return value;
  }

  /** Decimals are read from their text, so "0.92" stays exactly 0.92. */
  BigDecimal decimal(String name) {
    Object value = json.getValue(name);
    try {
      return new BigDecimal(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key(name) + ": expected a decimal number, got '" + value + "'");
    }
  }

  JsonObject rawSection(String name) {
    Object value = json.getValue(name);
    if (value == null) {
      return new JsonObject();
    }
    if (value instanceof JsonObject o) {
      return o;
    }
    throw new ConfigException(key(name) + ": expected a section (a map of keys)");
  }

  List<String> strings(String name, List<String> defaultValue) {
    Object value = json.getValue(name);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof JsonArray array)) {
      throw new ConfigException(key(name) + ": expected a list");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof String s) || s.isBlank()) {
        throw new ConfigException(key(name) + "[" + i + "]: expected a non-empty string");
      }
      out.add(s.trim());
    }
    return List.copyOf(out);
  }

  List<Integer> ints(String name, List<Integer> defaultValue, int min, int max) {
    Object value = json.getValue(name);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof JsonArray array)) {
      throw new ConfigException(key(name) + ": expected a list");
    }
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
          || n.longValue() < min || n.longValue() > max) {
        throw new ConfigException(key(name) + "[" + i + "]: expected a whole number between " + min + " and " + max);
      }
      out.add(n.intValue());
    }
    return List.copyOf(out);
  }

  <T> List<T> list(String name, Function<ConfigReader, T> parse) {
    Object value = json.getValue(name);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw new ConfigException(key(name) + ": expected a list");
    }
    List<T> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject item)) {
        throw new ConfigException(key(name) + "[" + i + "]: expected a section (a map of keys)");
      }
      out.add(parse.apply(new ConfigReader(item, key(name) + "[" + i + "]")));
    }
    return List.copyOf(out);
  }
}
