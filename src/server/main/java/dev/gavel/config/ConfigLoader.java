package dev.gavel.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the YAML config file, applies environment overrides and validates the result. */
public final class ConfigLoader {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);
  public static final String DEFAULT_FILE = "conf/gavel.yaml";
  /** conf/gavel.yaml as built into the jar (see pom.xml): every key, with its default. */
  static final String DEFAULTS_RESOURCE = "defaults/gavel.yaml";

  private ConfigLoader() {}

  /**
   * The config file: {@code --config FILE} on the command line, else GAVEL_CONFIG (either must
   * exist), else {@code conf/gavel.yaml} in the working directory if there is one. Null: none, and
   * Gavel runs on the defaults built into the jar (as {@code java -jar gavel.jar} in any folder).
   */
  public static Path chooseFile(String[] args, Map<String, String> env) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        return Path.of(args[i + 1]);
      }
      if (args[i].startsWith("--config=")) {
        return Path.of(args[i].substring("--config=".length()));
      }
    }
    String fromEnv = env.get("GAVEL_CONFIG");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv);
    }
    return Files.exists(Path.of(DEFAULT_FILE)) ? Path.of(DEFAULT_FILE) : null;
  }

  /** Where the config comes from, for messages: the file chosen, or the built-in defaults. */
  public static String describe(Path file) {
    return file == null ? "the defaults built into the jar (no --config, GAVEL_CONFIG or " + DEFAULT_FILE + ")" : file.toString();
  }

  /** Reads the built-in defaults, the chosen file (null: none) merged over them, then the environment. */
  public static Future<GavelConfig> load(Vertx vertx, Path file, Map<String, String> env) {
    if (file != null && !Files.isReadable(file)) {
      return Future.failedFuture(new ConfigException("config file " + file.toAbsolutePath() + " is missing or unreadable"));
    }
    // The defaults (conf/gavel.yaml as shipped in the jar) first, the chosen file merged over them.
    ConfigRetrieverOptions options = new ConfigRetrieverOptions().setScanPeriod(0).addStore(yaml(DEFAULTS_RESOURCE));
    if (file != null) {
      options.addStore(yaml(file.toString()));
    } else {
      LOG.info("no config file: running on {}", describe(null));
    }
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever.getConfig()
        .recover(e -> Future.failedFuture(new ConfigException("cannot read " + describe(file) + ": " + e.getMessage())))
        .map(json -> fromJson(json, env))
        .eventually(retriever::close);
  }

  private static ConfigStoreOptions yaml(String path) {
    return new ConfigStoreOptions().setType("file").setFormat("yaml").setConfig(new JsonObject().put("path", path));
  }

  public static GavelConfig fromJson(JsonObject json, Map<String, String> env) {
    EnvOverrides overrides = new EnvOverrides(env);
    JsonObject merged = overrides.apply(json);
    for (String unmatched : overrides.unmatched()) {
      LOG.warn("environment variable {} matches no config key and is ignored", unmatched);
    }
    try {
      return GavelConfig.from(merged);
    } catch (ConfigException e) {
      // A value that came from the environment: say which variable set it.
      String variable = overrides.variableSetting(e.getMessage());
      throw variable == null ? e : new ConfigException(e.getMessage() + " (the value comes from " + variable + ")");
    }
  }
}
