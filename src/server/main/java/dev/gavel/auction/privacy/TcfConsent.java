package dev.gavel.auction.privacy;

import com.iabtcf.decoder.TCString;
import com.iabtcf.v2.PublisherRestriction;
import com.iabtcf.v2.RestrictionType;

/**
 * A decoded TCF 2.x consent string, asked what one vendor (by its Global Vendor List id) may do.
 * Purpose 2 (basic ads) needs consent or a legitimate interest; purpose 4 (personalised ads) needs
 * consent (TCF 2.2 allows no legitimate interest for it); special feature 1 (precise geolocation)
 * needs the user's opt-in. Publisher restrictions in the string narrow these per vendor.
 */
final class TcfConsent {
  static final int BASIC_ADS = 2;
  static final int PERSONALISED_ADS = 4;
  private static final int PRECISE_GEOLOCATION = 1;

  private final TCString tc;

  private TcfConsent(TCString tc) {
    this.tc = tc;
  }

  /** @throws IllegalArgumentException when the string is not a TCF v2 string Gavel can read */
  static TcfConsent decode(String consent) {
    TCString tc;
    try {
      tc = TCString.decode(consent);
    } catch (RuntimeException e) { // the decoder's own exceptions are unchecked
      throw new IllegalArgumentException("undecodable TCF consent string (" + e.getClass().getSimpleName() + ")", e);
    }
    if (tc.getVersion() != 2) {
      throw new IllegalArgumentException("TCF consent string version " + tc.getVersion() + " (only v2 is read)");
    }
    try {
      tc.getVendorConsent(); // decoded lazily: read the sections now, so a broken string fails here, once
      tc.getVendorLegitimateInterest();
      tc.getPublisherRestrictions();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("undecodable TCF consent string (" + e.getClass().getSimpleName() + ")", e);
    }
    return new TcfConsent(tc);
  }

  /** A legal basis for {@code purpose}: consent, or (where {@code legitimateInterestAllowed}) a legitimate interest. */
  boolean allows(int vendor, int purpose, boolean legitimateInterestAllowed) {
    RestrictionType restriction = restriction(vendor, purpose);
    if (restriction == RestrictionType.NOT_ALLOWED) {
      return false;
    }
    boolean consent = tc.getPurposesConsent().contains(purpose) && tc.getVendorConsent().contains(vendor);
    boolean interest = tc.getPurposesLITransparency().contains(purpose) && tc.getVendorLegitimateInterest().contains(vendor);
    if (restriction == RestrictionType.REQUIRE_CONSENT || !legitimateInterestAllowed) {
      return consent;
    }
    if (restriction == RestrictionType.REQUIRE_LEGITIMATE_INTEREST) {
      return interest;
    }
    return consent || interest;
  }

  boolean preciseGeolocation() {
    return tc.getSpecialFeatureOptIns().contains(PRECISE_GEOLOCATION);
  }

  private RestrictionType restriction(int vendor, int purpose) {
    for (PublisherRestriction r : tc.getPublisherRestrictions()) {
      if (r.getPurposeId() == purpose && r.getVendorIds().contains(vendor)) {
        return r.getRestrictionType();
      }
    }
    return null;
  }
}
