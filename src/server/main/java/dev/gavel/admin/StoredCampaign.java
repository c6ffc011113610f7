package dev.gavel.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;

/** A campaign as the store keeps it: its body (a conf/campaigns.json entry) and its state. */
record StoredCampaign(String id, JsonNode body, int version, boolean paused, boolean deleted, OffsetDateTime updatedAt,
    String updatedBy) {

  String status() {
    return paused ? "paused" : "active";
  }

  /** What the API answers: the body with its version, status and last change. */
  ObjectNode view() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.setAll((ObjectNode) body);
    out.put("version", version).put("status", status())
        .put("updatedAt", updatedAt == null ? null : updatedAt.toInstant().toString()).put("updatedBy", updatedBy);
    return out;
  }

  /** What the audit keeps of it: null once deleted. */
  ObjectNode auditState() {
    if (deleted) {
      return null;
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode().put("version", version).put("status", status());
    out.set("campaign", body);
    return out;
  }

  /** Its record on the campaigns topic. */
  CampaignRecord record() {
    return deleted ? CampaignRecord.deletion(id, version) : CampaignRecord.live(id, version, paused, body);
  }
}
