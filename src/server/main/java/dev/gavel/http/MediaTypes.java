package dev.gavel.http;

import java.util.Locale;

/** What a request's Content-Type says. */
public final class MediaTypes {
  private MediaTypes() {}

  /** application/json, or an application/...+json type, whatever its parameters. */
  public static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String mime = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    return mime.equals("application/json") || (mime.startsWith("application/") && mime.endsWith("+json"));
  }
}
