package dev.gavel.auction.privacy;

import com.iab.gpp.encoder.GppModel;
import com.iabtcf.encoder.PublisherRestrictionEntry;
import com.iabtcf.encoder.TCStringEncoder;
import com.iabtcf.v2.RestrictionType;
import java.time.Instant;
import java.util.List;

/** Real TCF and GPP strings for tests, made with IAB's own reference encoders. */
final class ConsentStrings {
  private static final Instant WHEN = Instant.parse("2026-11-01T00:00:00Z");

  private ConsentStrings() {}

  /** A TCF v2.2 string: these purposes consented, these vendors consented, special feature 1 if asked. */
  static String tcf(List<Integer> purposes, List<Integer> vendors, boolean preciseGeo) {
    return tcf(purposes, vendors, List.of(), List.of(), preciseGeo);
  }

  static String tcf(List<Integer> purposes, List<Integer> vendors, List<Integer> liPurposes, List<Integer> liVendors,
                    boolean preciseGeo) {
    TCStringEncoder.Builder b = builder(purposes, vendors);
    liPurposes.forEach(b::addPurposesLITransparency);
    liVendors.forEach(b::addVendorLegitimateInterest);
    if (preciseGeo) {
      b.addSpecialFeatureOptIns(1);
    }
    return b.encode();
  }

  private static TCStringEncoder.Builder builder(List<Integer> purposes, List<Integer> vendors) {
    TCStringEncoder.Builder b = TCStringEncoder.newBuilder()
        .version(2).created(WHEN).lastUpdated(WHEN).cmpId(7).cmpVersion(1).consentScreen(1).consentLanguage("EN")
        .vendorListVersion(150).tcfPolicyVersion(4).publisherCC("DE");
    purposes.forEach(b::addPurposesConsent);
    vendors.forEach(b::addVendorConsent);
    return b;
  }

  /** A TCF string in which the publisher forbids purpose {@code purpose} to {@code vendor} (a publisher restriction). */
  static String tcfRestricted(List<Integer> purposes, List<Integer> vendors, int purpose, int vendor) {
    return TCStringEncoder.newBuilder(builder(purposes, vendors))
        .addPublisherRestrictionEntry(PublisherRestrictionEntry.newBuilder().purposeId(purpose)
            .restrictionType(RestrictionType.NOT_ALLOWED).addVendor(vendor).build())
        .encode();
  }

  /** A GPP string with one TCF EU v2 section carrying this TC string's choices. */
  static String gppWithTcfEu(List<Integer> purposes, List<Integer> vendors) {
    GppModel gpp = new GppModel();
    Boolean[] consents = new Boolean[24];
    for (int p = 1; p <= 24; p++) {
      consents[p - 1] = purposes.contains(p);
    }
    gpp.setFieldValue("tcfeuv2", "PurposeConsents", List.of(consents));
    gpp.setFieldValue("tcfeuv2", "VendorConsents", vendors);
    gpp.setFieldValue("tcfeuv2", "CmpId", 7);
    gpp.setFieldValue("tcfeuv2", "VendorListVersion", 150);
    gpp.setFieldValue("tcfeuv2", "PolicyVersion", 4);
    return gpp.encode();
  }

  /** A GPP string with a US National section: sale opt-out 1 (opted out) or 2 (did not). */
  static String gppUsNat(int saleOptOut) {
    GppModel gpp = new GppModel();
    gpp.setFieldValue("usnat", "SaleOptOutNotice", 1);
    gpp.setFieldValue("usnat", "SaleOptOut", saleOptOut);
    gpp.setFieldValue("usnat", "SharingOptOut", 2);
    gpp.setFieldValue("usnat", "TargetedAdvertisingOptOut", 2);
    return gpp.encode();
  }
}
