package dev.gavel.auction.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gavel.openrtb.BidRequest;
import dev.gavel.openrtb.Regs;
import dev.gavel.openrtb.User;
import java.util.ArrayList;
import java.util.List;

/**
 * The privacy signals of one request, read where OpenRTB 2.6 puts them and, failing that, where
 * OpenRTB 2.5 senders (Prebid Server by default) put them: {@code regs.ext.gdpr},
 * {@code regs.ext.us_privacy}, {@code user.ext.consent}, {@code regs.ext.gpp}.
 *
 * @param gdpr 1 when GDPR applies, 0 when it does not, null when the request does not say
 * @param tcString the TCF consent string, null when absent
 * @param gppSid the GPP sections that apply to this request; empty: every section in the string
 */
public record PrivacySignals(boolean coppa, Integer gdpr, String tcString, String usPrivacy, String gpp, List<Integer> gppSid) {

  public static final PrivacySignals NONE = new PrivacySignals(false, null, null, null, null, List.of());

  public static PrivacySignals of(BidRequest request) {
    Regs regs = request.regs();
    User user = request.user();
    if (regs == null && (user == null || (user.consent() == null && user.ext() == null))) {
      return NONE;
    }
    ObjectNode regsExt = regs == null ? null : regs.ext();
    ObjectNode userExt = user == null ? null : user.ext();
    boolean coppa = regs != null && Integer.valueOf(1).equals(regs.coppa());
    Integer gdpr = regs != null && regs.gdpr() != null ? regs.gdpr() : integer(regsExt, "gdpr");
    String consent = user != null && user.consent() != null ? user.consent() : text(userExt, "consent");
    String usPrivacy = regs != null && regs.usPrivacy() != null ? regs.usPrivacy() : text(regsExt, "us_privacy");
    String gpp = regs != null && regs.gpp() != null ? regs.gpp() : text(regsExt, "gpp");
    List<Integer> sid = regs != null && regs.gppSid() != null ? regs.gppSid() : integers(regsExt, "gpp_sid");
    return new PrivacySignals(coppa, gdpr, blankToNull(consent), blankToNull(usPrivacy), blankToNull(gpp), sid);
  }

  public boolean gdprApplies() {
    return Integer.valueOf(1).equals(gdpr);
  }

  private static Integer integer(ObjectNode ext, String field) {
    JsonNode node = ext == null ? null : ext.get(field);
    return node != null && node.canConvertToInt() ? node.intValue() : null;
  }

  private static String text(ObjectNode ext, String field) {
    JsonNode node = ext == null ? null : ext.get(field);
    return node != null && node.isTextual() ? node.textValue() : null;
  }

  private static List<Integer> integers(ObjectNode ext, String field) {
    JsonNode node = ext == null ? null : ext.get(field);
    if (node == null || !node.isArray()) {
      return List.of();
    }
    List<Integer> out = new ArrayList<>(node.size());
    node.forEach(n -> {
      if (n.canConvertToInt()) {
        out.add(n.intValue());
      }
    });
    return List.copyOf(out);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
