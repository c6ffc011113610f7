package dev.gavel.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What billing publishes as it commits a batch, per campaign charged in it: the campaign's spend
 * as of that commit and the bids whose impressions it now includes. Serving nodes follow these
 * (the spend topic) to see spend within a batch, and to let go of the holds of those bids.
 */
public record SpendUpdate(String campaignId, Spend spend, List<Billed> billed) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One billed impression: its bid, and for a frequency-capped campaign its user (hashed, else null) and when it was seen. */
  public record Billed(String bidId, String frequencyKey, long atMillis) {}

  public byte[] toJson() {
    ObjectNode node = JSON.createObjectNode().put("campaignId", campaignId).put("todayMicros", spend.todayMicros())
        .put("totalMicros", spend.totalMicros());
    var list = node.putArray("billed");
    for (Billed b : billed) {
      ObjectNode entry = list.addObject().put("bid", b.bidId());
      if (b.frequencyKey() != null) {
        entry.put("user", b.frequencyKey()).put("at", b.atMillis());
      }
    }
    return node.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Reads a record's value; throws {@link IllegalArgumentException} when it is not one. */
  public static SpendUpdate fromJson(byte[] value) {
    try {
      JsonNode node = JSON.readTree(value);
      if (node == null || !node.path("campaignId").isTextual() || !node.path("todayMicros").canConvertToLong()
          || !node.path("totalMicros").canConvertToLong()) {
        throw new IllegalArgumentException("not a spend update");
      }
      List<Billed> bids = new ArrayList<>();
      for (JsonNode b : node.path("billed")) {
        bids.add(new Billed(b.path("bid").asText(), b.hasNonNull("user") ? b.get("user").asText() : null, b.path("at").asLong()));
      }
      return new SpendUpdate(node.get("campaignId").asText(),
          new Spend(node.get("todayMicros").longValue(), node.get("totalMicros").longValue()), List.copyOf(bids));
    } catch (IOException e) {
      throw new IllegalArgumentException("not a spend update: " + e.getMessage(), e);
    }
  }
}
