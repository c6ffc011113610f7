package dev.gavel.auction.campaign;

import java.util.Locale;

/** The kind of ad a creative is and an impression offers, with its OpenRTB 2.6 {@code bid.mtype}. */
public enum MediaType {
  BANNER(1),
  VIDEO(2),
  AUDIO(3),
  NATIVE(4);

  private final int mtype;

  MediaType(int mtype) {
    this.mtype = mtype;
  }

  /** The OpenRTB 2.6 {@code bid.mtype} code: 1 banner, 2 video, 3 audio, 4 native. */
  public int mtype() {
    return mtype;
  }

  /** Parses a case-insensitive name such as {@code "banner"}. */
  public static MediaType fromName(String name) {
    for (MediaType type : values()) {
      if (type.name().equals(name.trim().toUpperCase(Locale.ROOT))) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "unknown media type '" + name + "', expected one of banner, video, audio, native");
  }
}
