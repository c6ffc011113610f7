package dev.gavel.pipeline.publish;

import dev.gavel.events.EventEnvelope;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The spool's record format: {@code [int length][utf topic][utf key][utf traceId][int n][n bytes value]},
 * each string as {@code [short length][bytes]}. A torn record at the end of a segment (the process
 * was killed mid-write) is detected by its length and dropped; everything before it is read.
 */
final class SpoolCodec {
  private SpoolCodec() {}

  static Buffer encode(EventEnvelope e) {
    byte[] topic = e.topic().getBytes(StandardCharsets.UTF_8);
    byte[] key = e.key().getBytes(StandardCharsets.UTF_8);
    byte[] trace = (e.traceId() == null ? "" : e.traceId()).getBytes(StandardCharsets.UTF_8);
    int bodyLength = 2 + topic.length + 2 + key.length + 2 + trace.length + 4 + e.value().length;
    return Buffer.buffer(4 + bodyLength)
        .appendInt(bodyLength)
        .appendShort((short) topic.length).appendBytes(topic)
        .appendShort((short) key.length).appendBytes(key)
        .appendShort((short) trace.length).appendBytes(trace)
        .appendInt(e.value().length).appendBytes(e.value());
  }

  /** Decoded records and whether the segment ended with a torn (partial) record. */
  record Decoded(List<EventEnvelope> envelopes, boolean tornTail) {}

  static Decoded decode(Buffer segment) {
    List<EventEnvelope> out = new ArrayList<>();
    int pos = 0;
    int length = segment.length();
    while (pos + 4 <= length) {
      int bodyLength = segment.getInt(pos);
      if (bodyLength < 10 || pos + 4 + bodyLength > length) {
        return new Decoded(out, true);
      }
      int p = pos + 4;
      int topicLength = segment.getShort(p);
      String topic = segment.getString(p + 2, p + 2 + topicLength, "UTF-8");
      p += 2 + topicLength;
      int keyLength = segment.getShort(p);
      String key = segment.getString(p + 2, p + 2 + keyLength, "UTF-8");
      p += 2 + keyLength;
      int traceLength = segment.getShort(p);
      String trace = segment.getString(p + 2, p + 2 + traceLength, "UTF-8");
      p += 2 + traceLength;
      int valueLength = segment.getInt(p);
      byte[] value = segment.getBytes(p + 4, p + 4 + valueLength);
      out.add(new EventEnvelope(topic, key, trace.isEmpty() ? null : trace, value));
      pos += 4 + bodyLength;
    }
    return new Decoded(out, pos != length);
  }
}
