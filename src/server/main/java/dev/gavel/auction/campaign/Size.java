package dev.gavel.auction.campaign;

/** Width and height in pixels of an ad slot or creative; both positive. */
public record Size(int w, int h) {

  private static final int MAX_DIMENSION = 0xFFFF;

  public Size {
    if (w <= 0 || h <= 0 || w > MAX_DIMENSION || h > MAX_DIMENSION) {
      throw new IllegalArgumentException("size must be between 1x1 and 65535x65535, got " + w + "x" + h);
    }
  }

  /** Parses {@code "300x250"}. */
  public static Size parse(String text) {
    int x = text.indexOf('x');
    if (x <= 0 || x == text.length() - 1) {
      throw new IllegalArgumentException("size must look like 300x250, got '" + text + "'");
    }
    try {
      return new Size(Integer.parseInt(text.substring(0, x)), Integer.parseInt(text.substring(x + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("size must look like 300x250, got '" + text + "'", e);
    }
  }

  /** Both dimensions packed into one int (16 bits each): unique per size, cheap to hash. */
  public int key() {
    return (w << 16) | h;
  }

  @Override
  public int hashCode() {
    return key();
  }

  @Override
  public String toString() {
    return w + "x" + h;
  }
}
