package dev.gavel.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gavel.auction.campaign.CampaignLoader;
import java.nio.charset.StandardCharsets;

/**
 * One record of the campaigns topic, keyed by campaign id: {@code {"version": 3, "status":
 * "active", "campaign": {...}}} with the body of a {@code conf/campaigns.json} entry, or
 * {@code {"version": 4, "deleted": true}}. A deletion keeps its version (rather than being a
 * tombstone) so that a reader can always drop a record older than what it holds: two admin nodes'
 * sends may land out of order. The record keyed {@value #CATALOG_KEY} says the topic is managed
 * (the admin API has seeded it), so a node that reads it follows the topic, not its file.
 */
record CampaignRecord(String id, int version, boolean paused, boolean deleted, JsonNode body) {
  public static final String CATALOG_KEY = "_catalog";
  private static final ObjectMapper JSON = new ObjectMapper();

  public static CampaignRecord live(String id, int version, boolean paused, JsonNode body) {
    return new CampaignRecord(id, version, paused, false, body);
  }

  public static CampaignRecord deletion(String id, int version) {
    return new CampaignRecord(id, version, false, true, null);
  }

  public byte[] key() {
    return id.getBytes(StandardCharsets.UTF_8);
  }

  public byte[] value() {
    ObjectNode node = JSON.createObjectNode().put("version", version);
    if (deleted) {
      node.put("deleted", true);
    } else {
      node.put("status", paused ? "paused" : "active").set("campaign", body);
    }
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] catalogValue() {
    return "{\"managed\":true}".getBytes(StandardCharsets.UTF_8);
  }

  /** Reads a record's value; throws {@link IllegalArgumentException} when it is not one. */
  public static CampaignRecord read(String id, byte[] value, CampaignLoader loader) {
    JsonNode node = loader.readTree(value);
    JsonNode version = node.get("version");
    if (!node.isObject() || version == null || !version.canConvertToInt()) {
      throw new IllegalArgumentException("campaign record " + id + ": no version");
    }
    if (node.path("deleted").asBoolean(false)) {
      return deletion(id, version.intValue());
    }
    JsonNode body = node.get("campaign");
    if (body == null || !body.isObject()) {
      throw new IllegalArgumentException("campaign record " + id + ": no campaign");
    }
    return live(id, version.intValue(), "paused".equals(node.path("status").asText()), body);
  }
}
