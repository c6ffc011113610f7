package dev.gavel.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.events.EventJson.BadEventException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventJsonTest {
  private static final AuctionEvent AUCTION = new AuctionEvent(AuctionEvent.TYPE, AuctionEvent.SCHEMA_VERSION, "e-1", "t-1",
      "a-1", "req-1", 1_700_000_000_000L, false, "USD", 300, 285, 12, "news.example", "pub-1", 2, "USA",
      List.of(new AuctionEvent.ImpFloor("1", 500_000)),
      List.of(new AuctionEvent.BidEntry("1", "b-1", "gavel", "campaigns", "c-1", null, 2_000_000, "won", 0, null)),
      List.of(new AuctionEvent.Winner("1", "b-1", "gavel", "c-1", 2_000_000, 510_000)),
      List.of(new AuctionEvent.BidderCall("dsp", "timeout", 285, "timed out", null)), List.of());

  @Test
  void anAuctionEventRoundTrips() throws Exception {
    AuctionEvent read = EventJson.read(EventJson.write(AUCTION), AuctionEvent.class, AuctionEvent.TYPE, AuctionEvent.SCHEMA_VERSION);
    assertThat(read).isEqualTo(AUCTION);
  }

  @Test
  void theHeaderReaderTakesIdsAndTimeOnly() throws Exception {
    AuctionEvent header = EventJson.readAuctionHeader(EventJson.write(AUCTION));
    assertThat(header.auctionId()).isEqualTo("a-1");
    assertThat(header.occurredAtMs()).isEqualTo(1_700_000_000_000L);
    assertThat(header.traceId()).isEqualTo("t-1");
    assertThat(header.bids()).isEmpty();
  }

  @Test
  void unreadableOrUnknownEventsAreRefused() {
    assertThatThrownBy(() -> EventJson.readAuctionHeader("{\"type\":\"auction\",\"schemaVersion\":2,\"auctionId\":\"a\",\"occurredAtMs\":1}"
        .getBytes(StandardCharsets.UTF_8))).isInstanceOf(BadEventException.class).hasMessageContaining("version 2");
    assertThatThrownBy(() -> EventJson.readAuctionHeader("[1]".getBytes(StandardCharsets.UTF_8))).isInstanceOf(BadEventException.class);
    assertThatThrownBy(() -> EventJson.read("{\"type\":\"tracking\",\"schemaVersion\":1}".getBytes(StandardCharsets.UTF_8),
        AuctionEvent.class, AuctionEvent.TYPE, AuctionEvent.SCHEMA_VERSION)).isInstanceOf(BadEventException.class);
  }

  @Test
  void eachRefusalSaysWhy() {
    assertThat(refusal("{not json")).isEqualTo("not JSON");
    assertThat(refusal("[1]")).isEqualTo("not a JSON object");
    assertThat(refusal("null")).isEqualTo("not a JSON object");
    assertThat(refusal("{\"type\":\"auction\",\"schemaVersion\":1}")).isEqualTo("expected type 'tracking', got 'auction'");
    assertThat(refusal("{\"type\":\"tracking\",\"schemaVersion\":99}")).isEqualTo("unsupported schemaVersion 99 of tracking");
    // A future version may change a field's shape: the version is still what is named.
    assertThat(refusal("{\"type\":\"tracking\",\"schemaVersion\":99,\"priceMicros\":{\"at\":1}}"))
        .isEqualTo("unsupported schemaVersion 99 of tracking");
    assertThat(refusal("{\"type\":\"tracking\",\"schemaVersion\":1,\"priceMicros\":{\"at\":1}}"))
        .isEqualTo("malformed tracking event");
  }

  private static String refusal(String json) {
    try {
      EventJson.read(json.getBytes(StandardCharsets.UTF_8), TrackingEvent.class, TrackingEvent.TYPE, TrackingEvent.SCHEMA_VERSION);
    } catch (BadEventException e) {
      return e.getMessage();
    }
    throw new AssertionError("read " + json + " without complaint");
  }
}
