package dev.gavel.tools.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --key value} options and bare positional words, parsed once. */
final class Args {
  private final Map<String, String> options;
  private final List<String> positional;

  private Args(Map<String, String> options, List<String> positional) {
    this.options = options;
    this.positional = positional;
  }

  static Args parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].startsWith("--")) {
        String key = args[i].substring(2);
        int eq = key.indexOf('=');
        if (eq >= 0) {
          options.put(key.substring(0, eq), key.substring(eq + 1));
        } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
          options.put(key, args[++i]);
        } else {
          options.put(key, "true");
        }
      } else {
        positional.add(args[i]);
      }
    }
    return new Args(options, positional);
  }

  List<String> positional() {
    return positional;
  }

  String string(String key, String fallback) {
    return options.getOrDefault(key, fallback);
  }

  String required(String key) {
    String v = options.get(key);
    if (v == null) {
      throw new IllegalArgumentException("missing --" + key);
    }
    return v;
  }

  int integer(String key, int fallback) {
    return options.containsKey(key) ? Integer.parseInt(options.get(key)) : fallback;
  }

  long longValue(String key, long fallback) {
    return options.containsKey(key) ? Long.parseLong(options.get(key)) : fallback;
  }

  double decimal(String key, double fallback) {
    return options.containsKey(key) ? Double.parseDouble(options.get(key)) : fallback;
  }
}
