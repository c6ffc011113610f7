package dev.gavel.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gavel.auction.campaign.CampaignLoader;
import dev.gavel.auction.campaign.InvalidCampaignException;
import dev.gavel.http.MediaTypes;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.regex.Pattern;

/** What an admin request says: its campaign body, the version an edit was made from. */
final class CampaignRequests {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
  /** What answers add to a campaign and a client may send back unchanged. */
  private static final List<String> READ_ONLY = List.of("version", "updatedAt", "updatedBy");
  private static final String VERSION = "admin.version";

  private CampaignRequests() {}

  /**
   * The request's campaign, checked as the campaign file is, with what answers add taken off; its
   * {@code status} is left for {@link #paused}. {@code pathId}: the id the path names (PUT), or null
   * (POST). Throws {@link AdminError} saying what is wrong.
   */
  static ObjectNode body(RoutingContext ctx, String pathId, CampaignLoader loader) {
    try {
      if (!MediaTypes.isJson(ctx.request().getHeader("Content-Type"))) {
        throw new AdminError(415, "unsupported_media_type", "Content-Type must be application/json");
      }
      Buffer raw = ctx.body().buffer();
      if (raw == null || raw.length() == 0) {
        throw new AdminError(400, "invalid_campaign", "a campaign JSON object is required");
      }
      JsonNode tree;
      try {
        tree = loader.readTree(raw.getBytes());
      } catch (IllegalArgumentException e) {
        throw new AdminError(400, "invalid_json", e.getMessage());
      }
      if (!(tree instanceof ObjectNode body)) {
        throw new AdminError(400, "invalid_campaign", "the body must be a JSON object");
      }
      ctx.put(VERSION, body.get("version"));
      READ_ONLY.forEach(body::remove);
      JsonNode status = body.remove("status");
      if (status != null && !status.asText().equals("active") && !status.asText().equals("paused")) {
        throw new AdminError(400, "invalid_campaign", "status: expected active or paused", "status");
      }
      if (pathId != null && !body.has("id")) {
        body.put("id", pathId);
      }
      String id = body.path("id").asText("");
      if (pathId != null && !pathId.equals(id)) {
        throw new AdminError(400, "invalid_campaign", "id: the body says \"" + id + "\", the path \"" + pathId + "\"", "id");
      }
      if (!ID.matcher(id).matches()) {
        throw new AdminError(400, "invalid_campaign", "id: 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a "
            + "letter or digit", "id");
      }
      loader.campaign(body, "campaign");
      if (status != null) {
        body.set("status", status); // read back by paused(), removed before it is stored
      }
      return body;
    } catch (InvalidCampaignException e) {
      throw new AdminError(400, "invalid_campaign", e.getMessage(), e.field());
    }
  }

  /** The body's status (removed from it), or {@code otherwise} when it says none. */
  static Boolean paused(ObjectNode body, Boolean otherwise) {
    JsonNode status = body.remove("status");
    return status == null ? otherwise : Boolean.valueOf(status.asText().equals("paused"));
  }

  /**
   * The version an edit was made from: If-Match, else the body's "version" (kept by {@link #body});
   * null when neither says.
   */
  static Integer expectedVersion(RoutingContext ctx) {
    Integer fromHeader = ifMatch(ctx);
    if (fromHeader != null) {
      return fromHeader;
    }
    JsonNode v = ctx.get(VERSION);
    return v != null && v.canConvertToInt() ? v.intValue() : null;
  }

  static Integer ifMatch(RoutingContext ctx) {
    String header = ctx.request().getHeader("If-Match");
    if (header == null) {
      return null;
    }
    String tag = header.trim();
    if (tag.startsWith("W/")) {
      tag = tag.substring(2);
    }
    tag = tag.replace("\"", "");
    try {
      return Integer.valueOf(tag);
    } catch (NumberFormatException e) {
      return -1; // matches no version: a 409 that says which version is current
    }
  }
}
