package dev.gavel.tracking;

/** The outcome of checking a token: the token it carries, or why it was refused. */
public record Verification(TrackingToken token, Reason reason) {

  /** Why a token was refused, with the HTTP status the /event endpoint answers. */
  public enum Reason {
    MALFORMED("malformed", 400, "the tracking token is missing or not a token"),
    UNKNOWN_KEY("unknown_key", 403, "the tracking token was signed with a key this server does not hold"),
    BAD_SIGNATURE("bad_signature", 403, "the tracking token's signature does not match"),
    EXPIRED("expired", 410, "the tracking token has expired");

    private final String label;
    private final int httpStatus;
    private final String message;

    Reason(String label, int httpStatus, String message) {
      this.label = label;
      this.httpStatus = httpStatus;
      this.message = message;
    }

    public String label() {
      return label;
    }

    public int httpStatus() {
      return httpStatus;
    }

    public String message() {
      return message;
    }
  }

  static Verification accepted(TrackingToken token) {
    return new Verification(token, null);
  }

  static Verification refused(Reason reason) {
    return new Verification(null, reason);
  }

  public boolean valid() {
    return token != null;
  }
}
