package dev.gavel.auction.campaign;

import dev.gavel.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the campaigns come from: the configured file; or, when the default path is not there (the
 * jar started in another folder), the sample campaigns built into the jar. A file that was asked
 * for by name and is missing is an error. Blocking file I/O: call it off the event loop.
 *
 * @param name where they were read from, for the log
 */
public record CampaignFile(String name, byte[] bytes) {
  private static final Logger LOG = LoggerFactory.getLogger(CampaignFile.class);
  /** auction.campaignsFile's default (conf/gavel.yaml). */
  public static final String DEFAULT_PATH = "conf/campaigns.json";
  /** conf/campaigns.json as built into the jar (pom.xml). */
  static final String SAMPLES = "defaults/campaigns.json";

  public static CampaignFile resolve(String configured) throws IOException {
    Path file = Path.of(configured);
    if (Files.isRegularFile(file)) {
      return new CampaignFile(file.toString(), Files.readAllBytes(file));
    }
    if (!configured.equals(DEFAULT_PATH)) {
      throw new ConfigException("auction.campaignsFile: " + file.toAbsolutePath()
          + (Files.exists(file) ? " is not a readable file" : " does not exist") + " (set auction.campaignsFile, or "
          + "GAVEL_AUCTION_CAMPAIGNS_FILE, to a campaigns JSON file)");
    }
    try (InputStream in = CampaignFile.class.getClassLoader().getResourceAsStream(SAMPLES)) {
      if (in != null) {
        LOG.warn("no {} in {}: bidding with the sample campaigns built into the jar (set auction.campaignsFile for your own)",
            DEFAULT_PATH, Path.of("").toAbsolutePath());
        return new CampaignFile("the samples built into the jar", in.readAllBytes());
      }
    }
    LOG.warn("no {} and no sample campaigns in the jar: Gavel's own campaigns will not bid", DEFAULT_PATH);
    return new CampaignFile("nowhere (none)", "{\"campaigns\": []}".getBytes(StandardCharsets.UTF_8));
  }

  /** The campaigns, or a config error that names the file and what is wrong in it. */
  public List<Campaign> parse(CampaignLoader loader) {
    try {
      return loader.parse(bytes);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("auction.campaignsFile (" + name + "): " + e.getMessage());
    }
  }
}
