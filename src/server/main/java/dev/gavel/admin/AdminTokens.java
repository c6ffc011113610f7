package dev.gavel.admin;

import dev.gavel.config.AdminConfig;
import dev.gavel.config.Sha256;
import java.security.MessageDigest;
import java.util.List;

/**
 * Who a bearer token is. The presented token is hashed and compared with every configured hash in
 * constant time ({@link MessageDigest#isEqual}), all of them every time, so neither the hashes nor
 * which one matched can be learnt from timing.
 */
final class AdminTokens {
  private static final String BEARER = "bearer ";

  record Principal(String name, AdminConfig.Role role) {
    boolean mayWrite() {
      return role == AdminConfig.Role.WRITE;
    }
  }

  private final List<AdminConfig.Token> tokens;

  AdminTokens(List<AdminConfig.Token> tokens) {
    this.tokens = tokens;
  }

  boolean none() {
    return tokens.isEmpty();
  }

  /** The holder of the {@code Authorization} header's bearer token, or null when there is none or it is unknown. */
  Principal authenticate(String authorization) {
    if (authorization == null || authorization.length() <= BEARER.length()
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    byte[] presented = Sha256.of(authorization.substring(BEARER.length()).trim());
    Principal found = null;
    for (AdminConfig.Token t : tokens) {
      if (MessageDigest.isEqual(presented, t.sha256()) && found == null) {
        found = new Principal(t.name(), t.role());
      }
    }
    return found;
  }
}
