package dev.gavel.config;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signing key Gavel keeps on local disk when {@code tracking.keys} names none: made once, on
 * the first start, and read by every start after it, so the win, billing and click URLs already in
 * browsers stay valid across a restart. One node only: nodes behind one tracking host must share
 * {@code tracking.keys}. Blocking file I/O: call it off the event loop.
 */
public final class TrackingKeyFile {
  private static final Logger LOG = LoggerFactory.getLogger(TrackingKeyFile.class);
  /** The id tokens signed with the kept key carry (and what to name it in tracking.keys to rotate it out). */
  public static final String KEY_ID = "local";

  private TrackingKeyFile() {}

  /** The config with the kept key in place of the per-start one; unchanged when keys are configured or no file is set. */
  public static TrackingConfig resolve(TrackingConfig tracking) {
    if (!tracking.ephemeral() || tracking.keyFile().isEmpty()) {
      if (tracking.ephemeral()) {
        LOG.warn("tracking: no tracking.keys and no tracking.keyFile: a random key for this process only; "
            + "every tracking URL it signs is refused after a restart");
      }
      return tracking;
    }
    Path file = Path.of(tracking.keyFile());
    TrackingConfig.SigningKey key = read(file);
    if (key == null) {
      key = create(file);
      LOG.warn("tracking: no tracking.keys configured; made a signing key and kept it in {}. Right for one node; "
          + "nodes that share a tracking host need the same tracking.keys (README, Configuration)", file.toAbsolutePath());
    } else {
      LOG.info("tracking: signing with the key kept in {} (no tracking.keys configured)", file.toAbsolutePath());
    }
    return tracking.withKeys(List.of(key));
  }

  private static TrackingConfig.SigningKey read(Path file) {
    if (!Files.exists(file)) {
      return null;
    }
    try {
      JsonObject json = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
      String secret = json.getString("secret", "");
      if (!KEY_ID.equals(json.getString("id")) || secret.length() < 32) {
        throw new ConfigException("tracking.keyFile " + file.toAbsolutePath() + ": not a key Gavel made "
            + "(expected {\"id\": \"" + KEY_ID + "\", \"secret\": 64 hex digits}); restore it, or delete it to make a new one "
            + "(tracking URLs signed with the old one are then refused)");
      }
      return new TrackingConfig.SigningKey(KEY_ID, secret);
    } catch (IOException | io.vertx.core.json.DecodeException | ClassCastException e) {
      throw new ConfigException("tracking.keyFile " + file.toAbsolutePath() + ": cannot be read (" + e.getMessage() + ")");
    }
  }

  /** Written to a temporary file and linked into place: a crash never leaves half a key, and two starts agree on one. */
  private static TrackingConfig.SigningKey create(Path file) {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    TrackingConfig.SigningKey key = new TrackingConfig.SigningKey(KEY_ID, HexFormat.of().formatHex(secret));
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".tracking-key", ".tmp");
      try {
        if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
          Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        }
        Files.writeString(tmp, new JsonObject().put("id", key.id()).put("secret", key.secret()).encode() + "\n");
        // A hard link fails if the file exists (a rename would silently replace another start's key).
        Files.createLink(file, tmp);
      } finally {
        Files.deleteIfExists(tmp);
      }
      return key;
    } catch (FileAlreadyExistsException e) {
      return read(file); // another process made it first
    } catch (IOException e) {
      throw new ConfigException("tracking.keyFile " + file.toAbsolutePath() + ": cannot be written (" + e.getMessage() + ")");
    }
  }
}
