package dev.gavel.auction.privacy;

import dev.gavel.openrtb.BidRequest;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One request's privacy signals, decoded once per auction, and what they allow each recipient.
 * Under GDPR (regs.gdpr = 1, or a GPP string whose applicable sections include TCF EU) a missing
 * or unreadable consent string is no consent. Touched only on its auction's event loop.
 */
public final class RequestPrivacy {
  private static final int GPP_TCF_EU = 2;

  private final PrivacySignals signals;
  private final BidRequest request;
  private final boolean gdpr;
  private final TcfConsent tcf;
  private final String noConsent;
  private final String usOptOut;
  private Map<Set<Rule>, BidRequest> scrubbed;

  private RequestPrivacy(PrivacySignals signals, BidRequest request, boolean gdpr, TcfConsent tcf, String noConsent, String usOptOut) {
    this.signals = signals;
    this.request = request;
    this.gdpr = gdpr;
    this.tcf = tcf;
    this.noConsent = noConsent;
    this.usOptOut = usOptOut;
  }

  public static RequestPrivacy of(BidRequest request) {
    PrivacySignals s = PrivacySignals.of(request);
    if (s == PrivacySignals.NONE) {
      return new RequestPrivacy(s, request, false, null, null, null);
    }
    GppString gpp = null;
    String gppProblem = null;
    if (s.gpp() != null) {
      try {
        gpp = GppString.decode(s.gpp(), s.gppSid());
      } catch (IllegalArgumentException e) {
        gppProblem = e.getMessage();
      }
    }
    boolean gdpr = s.gdprApplies() || (s.gdpr() == null && s.gppSid().contains(GPP_TCF_EU));
    TcfConsent tcf = null;
    String noConsent = null;
    if (gdpr) {
      String consent = s.tcString() != null ? s.tcString() : gpp == null ? null : gpp.tcfEu();
      if (consent == null) {
        noConsent = gppProblem != null ? gppProblem : "GDPR applies and the request has no TCF consent string";
      } else {
        try {
          tcf = TcfConsent.decode(consent);
        } catch (IllegalArgumentException e) {
          noConsent = e.getMessage();
        }
      }
    }
    return new RequestPrivacy(s, request, gdpr, tcf, noConsent, usOptOut(s, gpp, gppProblem));
  }

  /** Why the user opted out of sale or sharing in the US, or null. An unreadable GPP string is taken as an opt-out. */
  private static String usOptOut(PrivacySignals s, GppString gpp, String gppProblem) {
    String usp = s.usPrivacy();
    if (usp != null && usp.length() == 4 && usp.charAt(0) == '1' && Character.toUpperCase(usp.charAt(2)) == 'Y') {
      return "us_privacy " + usp + ": opted out of sale";
    }
    if (gpp != null && gpp.usOptOut()) {
      return gpp.usReason();
    }
    return gppProblem == null ? null : gppProblem + ": taken as an opt-out";
  }

  /**
   * An external bidder with this Global Vendor List id (0: none configured, which under GDPR
   * cannot have consent). It is not called without a legal basis for purpose 2.
   */
  public Treatment forVendor(int gvlVendorId) {
    return treat(gvlVendorId, List.of(TcfConsent.BASIC_ADS), true);
  }

  /**
   * Gavel's own campaigns: they need a legal basis for each of {@code purposes} (purpose 2
   * allowing a legitimate interest, the others consent). They target no user data (country and
   * device type only), so only a refusal matters to them.
   */
  public Treatment forHouse(int gvlVendorId, List<Integer> purposes) {
    return treat(gvlVendorId, purposes, false);
  }

  private Treatment treat(int vendor, List<Integer> purposes, boolean external) {
    if (signals == PrivacySignals.NONE) {
      return Treatment.AS_IS;
    }
    Set<Rule> rules = EnumSet.noneOf(Rule.class);
    if (gdpr) {
      if (tcf == null) {
        return Treatment.refused("no_consent: " + noConsent);
      }
      if (vendor <= 0) {
        return Treatment.refused("no_consent: GDPR applies and no gvlVendorId is configured for it");
      }
      for (int purpose : purposes) {
        if (!tcf.allows(vendor, purpose, purpose == TcfConsent.BASIC_ADS)) {
          return Treatment.refused("no_consent: no consent" + (purpose == TcfConsent.BASIC_ADS ? " or legitimate interest" : "")
              + " for TCF purpose " + purpose + " for vendor " + vendor);
        }
      }
      if (external && !tcf.allows(vendor, TcfConsent.PERSONALISED_ADS, false)) {
        rules.add(Rule.NO_PERSONALISED_ADS);
      }
      if (external && !tcf.preciseGeolocation()) {
        rules.add(Rule.NO_PRECISE_GEO);
      }
    }
    if (signals.coppa()) {
      rules.add(Rule.COPPA);
    }
    if (usOptOut != null) {
      rules.add(Rule.US_OPT_OUT);
    }
    return rules.isEmpty() ? Treatment.AS_IS : new Treatment(null, rules);
  }

  /** The request as a recipient with this treatment may see it; one copy per distinct set of rules. */
  public BidRequest requestFor(Treatment treatment) {
    if (treatment.rules().isEmpty()) {
      return request;
    }
    if (scrubbed == null) {
      scrubbed = new HashMap<>(4);
    }
    return scrubbed.computeIfAbsent(treatment.rules(), rules -> Scrub.apply(request, rules));
  }
}
