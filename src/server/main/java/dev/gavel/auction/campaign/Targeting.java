package dev.gavel.auction.campaign;

import java.util.Set;

/**
 * Where a campaign may bid. An empty set means any value. Site domains and app bundles together
 * define the inventory: both empty means any inventory; a campaign listing only site domains does
 * not bid on app traffic, and one listing only app bundles does not bid on sites.
 *
 * <p>{@code countries} are ISO 3166-1 alpha-3 codes (OpenRTB geo.country); {@code deviceTypes}
 * are OpenRTB device types (1 mobile/tablet, 2 PC, 3 CTV, 4 phone, 5 tablet, 6 connected device,
 * 7 set top box). {@code sizes} apply to banner and video only.
 */
public record Targeting(
    Set<MediaType> mediaTypes,
    Set<Size> sizes,
    Set<String> siteDomains,
    Set<String> appBundles,
    Set<String> countries,
    Set<Integer> deviceTypes) {

  /** Targets nothing in particular: any media type, size, inventory, country and device. */
  public static final Targeting ANY = new Targeting(null, null, null, null, null, null);

  public Targeting {
    mediaTypes = mediaTypes == null ? Set.of() : Set.copyOf(mediaTypes);
    sizes = sizes == null ? Set.of() : Set.copyOf(sizes);
    siteDomains = Normalize.all(siteDomains, Normalize::domain);
    appBundles = Normalize.all(appBundles, Normalize::bundle);
    countries = Normalize.all(countries, Normalize::country);
    deviceTypes = deviceTypes == null ? Set.of() : Set.copyOf(deviceTypes);
    countries.forEach(Targeting::checkCountry);
    deviceTypes.forEach(Targeting::checkDeviceType);
  }

  static void checkCountry(String country) {
    if (!Normalize.country(country).matches("[A-Z]{3}")) {
      throw new IllegalArgumentException(
          "country must be an ISO 3166-1 alpha-3 code such as USA, got '" + country + "'");
    }
  }

  static void checkDeviceType(int deviceType) {
    if (deviceType < 1 || deviceType > 7) {
      throw new IllegalArgumentException("device type must be 1 to 7, got " + deviceType);
    }
  }

  /** True when neither site domains nor app bundles are listed. */
  public boolean anyInventory() {
    return siteDomains.isEmpty() && appBundles.isEmpty();
  }
}
