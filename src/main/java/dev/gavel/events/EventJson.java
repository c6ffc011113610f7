package dev.gavel.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The JSON mapping of events, shared by both sides. Reading checks {@code type} and
 * {@code schemaVersion} first: a message Gavel cannot interpret is a {@link BadEventException},
 * which consumers route to the dead-letter topic.
 */
public final class EventJson {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private EventJson() {}

  /** A message that is not an event this version of Gavel understands. */
  public static final class BadEventException extends Exception {
    public BadEventException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public static byte[] write(Object event) {
    try {
      return MAPPER.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event not serialisable: " + event.getClass().getSimpleName(), e);
    }
  }

  public static <T> T read(byte[] json, Class<T> eventClass, String expectedType, int supportedVersion) throws BadEventException {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new BadEventException("not JSON", e);
    }
    if (node == null || !node.isObject()) {
      throw new BadEventException("not a JSON object", null);
    }
    String type = node.path("type").asText(null);
    if (!expectedType.equals(type)) {
      throw new BadEventException("expected type '" + expectedType + "', got '" + type + "'", null);
    }
    int version = node.path("schemaVersion").asInt(-1);
    if (version != supportedVersion) {
      throw new BadEventException("unsupported schemaVersion " + node.path("schemaVersion") + " of " + type, null);
    }
    try {
      return MAPPER.treeToValue(node, eventClass);
    } catch (IOException e) {
      throw new BadEventException("malformed " + type + " event", e);
    }
  }
}
