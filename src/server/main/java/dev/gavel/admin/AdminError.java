package dev.gavel.admin;

/** A request the admin API refuses: its HTTP status, a stable code and a sentence (JsonErrors). */
final class AdminError extends RuntimeException {
  final int status;
  final String code;
  final String field;

  AdminError(int status, String code, String message) {
    this(status, code, message, null);
  }

  AdminError(int status, String code, String message, String field) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  static AdminError notFound(String id) {
    return new AdminError(404, "not_found", "no campaign \"" + id + "\"");
  }
}
