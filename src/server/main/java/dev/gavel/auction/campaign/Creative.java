package dev.gavel.auction.campaign;

import java.util.Objects;

/**
 * The ad a campaign serves. {@code markup} is the adm template: it may hold OpenRTB macros
 * (${AUCTION_PRICE}, ${AUCTION_ID}, ...) and a ${CLICK_URL} placeholder that the server replaces
 * with its signed click-tracking URL, which redirects to {@code clickThroughUrl}.
 *
 * <p>A width and height of 0 mean a fluid creative (responsive HTML, native, audio) that has no
 * size of its own; the campaign's targeting sizes then say which slots it fits.
 */
public record Creative(
    String crid, MediaType mediaType, int w, int h, String markup, String clickThroughUrl) {

  public static final String CLICK_URL_MACRO = "${CLICK_URL}";

  public Creative {
    requireText(crid, "crid");
    Objects.requireNonNull(mediaType, "mediaType");
    requireText(markup, "markup");
    requireText(clickThroughUrl, "clickThroughUrl");
    boolean fluid = w == 0 && h == 0;
    if (!fluid) {
      new Size(w, h); // validates both dimensions
    }
  }

  /** A creative with a fixed size. */
  public static Creative sized(
      String crid, MediaType mediaType, Size size, String markup, String clickThroughUrl) {
    return new Creative(crid, mediaType, size.w(), size.h(), markup, clickThroughUrl);
  }

  public boolean hasFixedSize() {
    return w > 0;
  }

  /** The creative's size, or null for a fluid creative. */
  public Size size() {
    return hasFixedSize() ? new Size(w, h) : null;
  }

  private static void requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("creative " + field + " is required");
    }
  }
}
