package dev.gavel.config;

import java.util.List;

/**
 * Gavel's own campaigns under GDPR: they bid only when the request's TCF consent string gives
 * {@code houseGvlVendorId} a legal basis for each of {@code housePurposes} (purpose 2, basic ads,
 * by consent or legitimate interest; any other by consent). 0: Gavel has no Global Vendor List
 * id, so under GDPR its campaigns do not bid. External bidders have a {@code gvlVendorId} each.
 */
public record PrivacyConfig(int houseGvlVendorId, List<Integer> housePurposes) {

  static PrivacyConfig from(ConfigReader r) {
    return new PrivacyConfig(
        r.intValue("houseGvlVendorId", 0, 0, 65_535),
        r.ints("housePurposes", List.of(2), 1, 24));
  }
}
