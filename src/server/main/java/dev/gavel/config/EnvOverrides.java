package dev.gavel.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Overrides individual config keys from environment variables. A key's variable is its path in
 * upper snake case behind {@code GAVEL_}: {@code http.maxBodyBytes} is {@code
 * GAVEL_HTTP_MAX_BODY_BYTES}, {@code bidders[0].url} is {@code GAVEL_BIDDERS_0_URL}. The value
 * takes the type of the key it replaces; a list takes comma-separated values.
 */
public final class EnvOverrides {
  public static final String PREFIX = "GAVEL_";
  /** Variables that choose things rather than override a key. */
  private static final Set<String> RESERVED = Set.of("GAVEL_CONFIG");

  private final Map<String, String> env;
  private final Set<String> used = new HashSet<>();
  /** Config key (as messages name it, {@code bidders[0].url}) to the variable that set it. */
  private final Map<String, String> setBy = new java.util.LinkedHashMap<>();

  public EnvOverrides(Map<String, String> env) {
    this.env = env;
  }

  /** Returns a copy of {@code config} with the overrides applied. */
  public JsonObject apply(JsonObject config) {
    JsonObject copy = config.copy();
    walk(copy, "GAVEL", "");
    return copy;
  }

  /** The variable that set the key a config error message starts with, or null when none did. */
  public String variableSetting(String message) {
    for (Map.Entry<String, String> e : setBy.entrySet()) {
      if (message.startsWith(e.getKey() + ":") || message.startsWith(e.getKey() + " ")) {
        return e.getValue();
      }
    }
    return null;
  }

  /** The GAVEL_ variables that matched no key: likely typos, worth a warning. */
  public Set<String> unmatched() {
    Set<String> out = new HashSet<>();
    for (String name : env.keySet()) {
      if (name.startsWith(PREFIX) && !used.contains(name) && !RESERVED.contains(name)) {
        out.add(name);
      }
    }
    return out;
  }

  public static String variableFor(String prefix, String key) {
    return prefix + "_" + key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  private void walk(JsonObject node, String prefix, String path) {
    for (String key : node.fieldNames()) {
      String name = variableFor(prefix, key);
      String keyPath = path.isEmpty() ? key : path + "." + key;
      Object value = node.getValue(key);
      if (value instanceof JsonObject child) {
        walk(child, name, keyPath);
      } else if (value instanceof JsonArray array && array.stream().allMatch(JsonObject.class::isInstance)) {
        for (int i = 0; i < array.size(); i++) {
          walk(array.getJsonObject(i), name + "_" + i, keyPath + "[" + i + "]");
        }
      } else if (env.containsKey(name)) {
        used.add(name);
        setBy.put(keyPath, name);
        node.put(key, convert(name, keyPath, env.get(name), value));
      }
    }
  }

  private static Object convert(String name, String keyPath, String text, Object current) {
    String t = text.trim();
    try {
      if (current instanceof Boolean) {
        if (!t.equalsIgnoreCase("true") && !t.equalsIgnoreCase("false")) {
          throw new IllegalArgumentException();
        }
        return Boolean.parseBoolean(t);
      }
      if (current instanceof Integer || current instanceof Long) {
        return Long.parseLong(t);
      }
      if (current instanceof Number) {
        return Double.parseDouble(t);
      }
      if (current instanceof JsonArray) {
        return new JsonArray(Arrays.stream(t.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
      }
      return t;
    } catch (IllegalArgumentException e) {
      String kind = current instanceof Boolean ? "true or false"
          : current instanceof Integer || current instanceof Long ? "a whole number"
          : current instanceof Number ? "a number" : "a value";
      throw new ConfigException("environment variable " + name + " (sets " + keyPath + "): '" + text + "' is not " + kind);
    }
  }
}
