package dev.gavel.auction;

import dev.gavel.money.Money;
import dev.gavel.openrtb.Audio;
import dev.gavel.openrtb.Banner;
import dev.gavel.openrtb.BidRequest;
import dev.gavel.openrtb.Deal;
import dev.gavel.openrtb.Format;
import dev.gavel.openrtb.Imp;
import dev.gavel.openrtb.Video;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Semantic checks on a parsed bid request, for what JSON typing cannot express: required ids,
 * unique ids, sane ranges, valid currencies. Every problem found is reported, not just the first,
 * so a publisher can fix a request in one round trip. Stateless and thread-safe.
 */
public final class RequestValidator {

  public static final int DEFAULT_MAX_TMAX_MILLIS = 60_000;
  /** OpenRTB reserves auction types above 500 for exchange-specific rules. */
  private static final int EXCHANGE_SPECIFIC_AUCTION_TYPES = 500;
  /** Echoed values are cut short: a message must stay short whatever the sender put there. */
  private static final int MAX_ECHOED_CHARS = 16;

  private final int maxTmaxMillis;

  public RequestValidator() {
    this(DEFAULT_MAX_TMAX_MILLIS);
  }

  public RequestValidator(int maxTmaxMillis) {
    if (maxTmaxMillis < 0) {
      throw new IllegalArgumentException("maxTmaxMillis must not be negative: " + maxTmaxMillis);
    }
    this.maxTmaxMillis = maxTmaxMillis;
  }

  /**
   * The verdict on a request: problems of the request itself (it is refused), and problems of
   * single imps (only those imps are dropped, and the rest is auctioned, as a supply partner
   * sending many imps expects).
   *
   * @param requestProblems what makes the whole request invalid
   * @param impProblems each dropped imp's problems, by its index in {@code imp}
   */
  public record Verdict(List<ValidationProblem> requestProblems, Map<Integer, List<ValidationProblem>> impProblems, int imps) {
    /** Whether the request is refused: it is invalid itself, or no imp is left to auction. */
    public boolean refused() {
      return !requestProblems.isEmpty() || impProblems.size() >= imps;
    }

    /** Every problem, the request's first, then each dropped imp's in order. */
    public List<ValidationProblem> all() {
      List<ValidationProblem> all = new ArrayList<>(requestProblems);
      impProblems.values().forEach(all::addAll);
      return List.copyOf(all);
    }

    /** The request's imps less the dropped ones, in order. */
    public List<Imp> keptImps(List<Imp> requestImps) {
      List<Imp> kept = new ArrayList<>(requestImps.size() - impProblems.size());
      for (int i = 0; i < requestImps.size(); i++) {
        if (!impProblems.containsKey(i)) {
          kept.add(requestImps.get(i));
        }
      }
      return kept;
    }

    /** One note per dropped imp, for the answer's warnings and the auction event; empty when none was. */
    public List<String> dropNotes() {
      List<String> notes = new ArrayList<>(impProblems.size());
      impProblems.forEach((index, problems) -> notes.add("imp[" + index + "] dropped, not auctioned: " + String.join("; ",
          problems.stream().map(p -> p.field() + " " + p.message()).toList())));
      return notes;
    }
  }

  /** All problems with the request; empty if every part of it may be auctioned. */
  public List<ValidationProblem> validate(BidRequest request) {
    return check(request).all();
  }

  public Verdict check(BidRequest request) {
    Objects.requireNonNull(request, "request");
    List<ValidationProblem> problems = new ArrayList<>();
    checkRequired("id", request.id(), problems);
    Map<Integer, List<ValidationProblem>> impProblems = checkImps(request.imp(), problems);
    checkOneDistributionChannel(request, problems);
    checkZeroOrOne("test", request.test(), problems);
    checkAuctionType(request.at(), problems);
    checkTmax(request.tmax(), problems);
    checkCurrencyList(request.cur(), problems);
    return new Verdict(List.copyOf(problems), impProblems, request.imp() == null ? 0 : request.imp().size());
  }

  private Map<Integer, List<ValidationProblem>> checkImps(List<Imp> imps, List<ValidationProblem> problems) {
    if (imps == null || imps.isEmpty()) {
      problems.add(new ValidationProblem("imp", "must contain at least one impression"));
      return Map.of();
    }
    Map<Integer, List<ValidationProblem>> byImp = new java.util.LinkedHashMap<>();
    Map<String, String> firstPathById = new HashMap<>();
    for (int i = 0; i < imps.size(); i++) {
      String path = "imp[" + i + "]";
      Imp imp = imps.get(i);
      List<ValidationProblem> own = new ArrayList<>();
      checkImp(path, imp, own);
      if (own.isEmpty()) { // a duplicate only of an imp that is auctioned: a dropped one leaves its id free
        checkUniqueId(path + ".id", imp.id(), firstPathById, own);
      } else {
        checkRequired(path + ".id", imp.id(), own);
      }
      if (!own.isEmpty()) {
        byImp.put(i, List.copyOf(own));
      }
    }
    return byImp;
  }

  private void checkImp(String path, Imp imp, List<ValidationProblem> problems) {
    if (!imp.offersMedia()) {
      problems.add(new ValidationProblem(path,
          "must offer at least one of banner, video, audio, native"));
    }
    checkFloor(path, imp.bidfloor(), imp.bidfloorcur(), problems);
    checkNonNegative(path + ".exp", imp.exp(), problems);
    if (imp.banner() != null) {
      checkBanner(path + ".banner", imp.banner(), problems);
    }
    if (imp.video() != null) {
      Video video = imp.video();
      checkDurations(path + ".video", video.minduration(), video.maxduration(), problems);
    }
    if (imp.audio() != null) {
      Audio audio = imp.audio();
      checkDurations(path + ".audio", audio.minduration(), audio.maxduration(), problems);
    }
    if (imp.pmp() != null && imp.pmp().deals() != null) {
      checkDeals(path + ".pmp.deals", imp.pmp().deals(), problems);
    }
  }

  private static void checkBanner(String path, Banner banner, List<ValidationProblem> problems) {
    checkNonNegative(path + ".w", banner.w(), problems);
    checkNonNegative(path + ".h", banner.h(), problems);
    if (banner.format() == null) {
      return;
    }
    for (int k = 0; k < banner.format().size(); k++) {
      Format format = banner.format().get(k);
      String formatPath = path + ".format[" + k + "]";
      checkNonNegative(formatPath + ".w", format.w(), problems);
      checkNonNegative(formatPath + ".h", format.h(), problems);
    }
  }

  private static void checkDurations(
      String path, Integer min, Integer max, List<ValidationProblem> problems) {
    checkNonNegative(path + ".minduration", min, problems);
    checkNonNegative(path + ".maxduration", max, problems);
    if (min != null && max != null && min >= 0 && max >= 0 && min > max) {
      problems.add(new ValidationProblem(path + ".minduration",
          "must not exceed maxduration (" + max + ")"));
    }
  }

  private static void checkDeals(String path, List<Deal> deals, List<ValidationProblem> problems) {
    Map<String, String> firstPathById = new HashMap<>();
    for (int k = 0; k < deals.size(); k++) {
      String dealPath = path + "[" + k + "]";
      Deal deal = deals.get(k);
      checkUniqueId(dealPath + ".id", deal.id(), firstPathById, problems);
      checkFloor(dealPath, deal.bidfloor(), deal.bidfloorcur(), problems);
      Integer at = deal.at();
      // 3 means the deal's bidfloor is the agreed fixed price.
      if (at != null && at != 1 && at != 2 && at != 3 && at <= EXCHANGE_SPECIFIC_AUCTION_TYPES) {
        problems.add(new ValidationProblem(dealPath + ".at",
            "must be 1 (first price), 2 (second price), 3 (fixed price) or above 500"));
      }
      if (Integer.valueOf(3).equals(at) && (deal.bidfloor() == null || deal.bidfloor().signum() <= 0)) {
        problems.add(new ValidationProblem(dealPath + ".bidfloor", "a fixed-price deal (at=3) needs its price here"));
      }
    }
  }

  /** A required, non-blank id that no earlier sibling used; remembers it for later siblings. */
  private static void checkUniqueId(String path, String id, Map<String, String> firstPathById,
      List<ValidationProblem> problems) {
    if (!checkRequired(path, id, problems)) {
      return;
    }
    String firstPath = firstPathById.putIfAbsent(id, path);
    if (firstPath != null) {
      problems.add(new ValidationProblem(path, "duplicates " + firstPath + " " + echo(id)));
    }
  }

  private static boolean checkRequired(String path, String value, List<ValidationProblem> problems) {
    if (value == null || value.isBlank()) {
      problems.add(new ValidationProblem(path, "is required"));
      return false;
    }
    return true;
  }

  private static void checkFloor(
      String path, BigDecimal floor, String currency, List<ValidationProblem> problems) {
    if (floor != null && floor.signum() < 0) {
      problems.add(new ValidationProblem(path + ".bidfloor", "must not be negative"));
    } else if (floor != null && floor.compareTo(Money.MAX_PRICE) > 0) {
      problems.add(new ValidationProblem(path + ".bidfloor", "must not exceed " + Money.MAX_PRICE.toPlainString()));
    } else if (floor != null && Math.abs(floor.scale()) > Money.MAX_SCALE) {
      problems.add(new ValidationProblem(path + ".bidfloor", "has too many decimal places"));
    }
    if (currency != null) {
      checkCurrency(path + ".bidfloorcur", currency, problems);
    }
  }

  /** At most one of site, app and dooh says where the ad will be shown; none is acceptable. */
  private static void checkOneDistributionChannel(
      BidRequest request, List<ValidationProblem> problems) {
    List<String> present = new ArrayList<>(3);
    if (request.site() != null) {
      present.add("site");
    }
    if (request.app() != null) {
      present.add("app");
    }
    if (request.dooh() != null) {
      present.add("dooh");
    }
    for (int i = 1; i < present.size(); i++) {
      problems.add(new ValidationProblem(present.get(i),
          "must not be present together with " + present.get(0)));
    }
  }

  private static void checkZeroOrOne(String path, Integer flag, List<ValidationProblem> problems) {
    if (flag != null && flag != 0 && flag != 1) {
      problems.add(new ValidationProblem(path, "must be 0 or 1"));
    }
  }

  private static void checkAuctionType(Integer at, List<ValidationProblem> problems) {
    if (at != null && at != 1 && at != 2 && at <= EXCHANGE_SPECIFIC_AUCTION_TYPES) {
      problems.add(new ValidationProblem("at",
          "must be 1 (first price), 2 (second price) or above 500"));
    }
  }

  private void checkTmax(Integer tmax, List<ValidationProblem> problems) {
    if (tmax != null && (tmax < 0 || tmax > maxTmaxMillis)) {
      problems.add(new ValidationProblem("tmax",
          "must be between 0 and " + maxTmaxMillis + " ms"));
    }
  }

  private static void checkCurrencyList(List<String> currencies, List<ValidationProblem> problems) {
    if (currencies == null) {
      return;
    }
    for (int i = 0; i < currencies.size(); i++) {
      checkCurrency("cur[" + i + "]", currencies.get(i), problems);
    }
  }

  private static void checkCurrency(String path, String code, List<ValidationProblem> problems) {
    if (!isCurrencyCode(code)) {
      problems.add(new ValidationProblem(path,
          "is not an ISO 4217 currency code: " + echo(code)));
    }
  }

  /** Three letters that Java knows as a currency, in any case ("usd" is USD: senders differ). */
  static boolean isCurrencyCode(String code) {
    if (code == null || code.length() != 3) {
      return false;
    }
    for (int i = 0; i < 3; i++) {
      char c = Character.toUpperCase(code.charAt(i));
      if (c < 'A' || c > 'Z') {
        return false;
      }
    }
    try {
      Currency.getInstance(code.toUpperCase(java.util.Locale.ROOT));
      return true;
    } catch (IllegalArgumentException notACurrency) {
      return false;
    }
  }

  private static void checkNonNegative(String path, Integer value, List<ValidationProblem> problems) {
    if (value != null && value < 0) {
      problems.add(new ValidationProblem(path, "must not be negative"));
    }
  }

  private static String echo(String value) {
    String shown = value.length() <= MAX_ECHOED_CHARS
        ? value
        : value.substring(0, MAX_ECHOED_CHARS) + "...";
    return "\"" + shown + "\"";
  }
}
