package dev.gavel.openrtb;

/**
 * A request or response body that is not acceptable OpenRTB JSON. The message is meant for the
 * sender: short, naming the offending field, and free of implementation details.
 */
public final class InvalidJsonException extends RuntimeException {

  private final String path;
  private final String reason;

  public InvalidJsonException(String path, String reason, Throwable cause) {
    super(path.isEmpty() ? reason : path + ": " + reason, cause);
    this.path = path;
    this.reason = reason;
  }

  public InvalidJsonException(String path, String reason) {
    this(path, reason, null);
  }

  /** Where the problem is, e.g. {@code imp[0].bidfloor}; empty for the document as a whole. */
  public String path() {
    return path;
  }

  /** What is wrong, e.g. {@code expected a number}. */
  public String reason() {
    return reason;
  }
}
