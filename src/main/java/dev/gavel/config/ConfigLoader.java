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

  /** The config file: {@code --config FILE} on the command line, else GAVEL_CONFIG, else the default. */
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
    return Path.of(fromEnv == null || fromEnv.isBlank() ? DEFAULT_FILE : fromEnv);
  }

  public static Future<GavelConfig> load(Vertx vertx, Path file, Map<String, String> env) {
    if (!Files.isReadable(file)) {
      return Future.failedFuture(new ConfigException("config file " + file.toAbsolutePath() + " is missing or unreadable"));
    }
    // The defaults (conf/gavel.yaml as shipped in the jar) first, the chosen file merged over them.
    ConfigStoreOptions defaults = new ConfigStoreOptions()
        .setType("file")
        .setFormat("yaml")
        .setConfig(new JsonObject().put("path", DEFAULTS_RESOURCE));
    ConfigStoreOptions yaml = new ConfigStoreOptions()
        .setType("file")
        .setFormat("yaml")
        .setConfig(new JsonObject().put("path", file.toString()));
    ConfigRetriever retriever = ConfigRetriever.create(vertx,
        new ConfigRetrieverOptions().addStore(defaults).addStore(yaml).setScanPeriod(0));
    return retriever.getConfig()
        .recover(e -> Future.failedFuture(new ConfigException("cannot read " + file + ": " + e.getMessage())))
        .map(json -> fromJson(json, env))
        .eventually(retriever::close)
        // The kept tracking key is read (or made) from disk: off the event loop.
        .compose(config -> vertx.executeBlocking(() -> config.withTracking(TrackingKeyFile.resolve(config.tracking()))));
  }

  public static GavelConfig fromJson(JsonObject json, Map<String, String> env) {
    EnvOverrides overrides = new EnvOverrides(env);
    JsonObject merged = overrides.apply(json);
    for (String unmatched : overrides.unmatched()) {
      LOG.warn("environment variable {} matches no key in the config file and is ignored", unmatched);
    }
    return GavelConfig.from(merged);
  }
}
