package dev.gavel.auction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.openrtb.BidRequest;
import dev.gavel.openrtb.OpenRtbJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests are written as compact JSON with single quotes (turned into double quotes) and parsed
 * with the real mapper, which keeps each case readable.
 */
class RequestValidatorTest {

  private static final String BANNER_IMP = "{'id':'1','banner':{'w':300,'h':250}}";

  private final OpenRtbJson json = new OpenRtbJson();
  private final RequestValidator validator = new RequestValidator();

  @Test
  void realisticFullRequestIsValid() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/openrtb/full-request.json")) {
      BidRequest request = json.readBidRequest(in.readAllBytes());

      assertThat(validator.validate(request)).isEmpty();
    }
  }

  @Test
  void minimalRequestIsValid() {
    assertThat(problems("{'id':'r','imp':[" + BANNER_IMP + "]}")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "'id':'',", "'id':'  ',"})
  void requestIdIsRequired(String idMember) {
    assertThat(problems("{" + idMember + "'imp':[" + BANNER_IMP + "]}"))
        .containsExactly(problem("id", "is required"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{'id':'r'}", "{'id':'r','imp':[]}"})
  void atLeastOneImpIsRequired(String body) {
    assertThat(problems(body))
        .containsExactly(problem("imp", "must contain at least one impression"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "'id':'',", "'id':' ',"})
  void impIdIsRequired(String idMember) {
    assertThat(problems("{'id':'r','imp':[" + BANNER_IMP + ",{" + idMember + "'video':{}}]}"))
        .containsExactly(problem("imp[1].id", "is required"));
  }

  @Test
  void duplicateImpIdsNameBothPositions() {
    String imps = "{'id':'a','banner':{}},{'id':'b','banner':{}},{'id':'a','video':{}}";

    assertThat(problems("{'id':'r','imp':[" + imps + "]}"))
        .containsExactly(problem("imp[2].id", "duplicates imp[0].id \"a\""));
  }

  @Test
  void impMustOfferAMediaType() {
    assertThat(problems("{'id':'r','imp':[" + BANNER_IMP + ",{'id':'2','tagid':'t'}]}"))
        .containsExactly(
            problem("imp[1]", "must offer at least one of banner, video, audio, native"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"'video':{}", "'audio':{}", "'native':{'request':'{}'}"})
  void anyMediaTypeIsEnough(String media) {
    assertThat(problems("{'id':'r','imp':[{'id':'1'," + media + "}]}")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "'site':{},'app':{}               | app  | site",
      "'app':{},'dooh':{}               | dooh | app",
      "'site':{'id':'s'},'dooh':{}      | dooh | site"})
  void onlyOneDistributionChannel(String channels, String field, String first) {
    assertThat(problems("{'id':'r'," + channels + ",'imp':[" + BANNER_IMP + "]}"))
        .containsExactly(problem(field, "must not be present together with " + first));
  }

  @Test
  void allThreeChannelsReportTheTwoExtraOnes() {
    assertThat(problems("{'id':'r','site':{},'app':{},'dooh':{},'imp':[" + BANNER_IMP + "]}"))
        .containsExactly(
            problem("app", "must not be present together with site"),
            problem("dooh", "must not be present together with site"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"'site':{}", "'app':{}", "'dooh':{}", "'device':{}"})
  void oneChannelOrNoneIsFine(String channel) {
    assertThat(problems("{'id':'r'," + channel + ",'imp':[" + BANNER_IMP + "]}")).isEmpty();
  }

  @Test
  void negativeImpFloorIsRejected() {
    assertThat(problems("{'id':'r','imp':[{'id':'1','banner':{},'bidfloor':-0.01}]}"))
        .containsExactly(problem("imp[0].bidfloor", "must not be negative"));
  }

  @Test
  void zeroFloorIsFine() {
    assertThat(problems("{'id':'r','imp':[{'id':'1','banner':{},'bidfloor':0}]}")).isEmpty();
  }

  @Test
  void negativeDealFloorIsRejected() {
    assertThat(problems(withDeals("{'id':'d1','bidfloor':1.5},{'id':'d2','bidfloor':-2}")))
        .containsExactly(problem("imp[0].pmp.deals[1].bidfloor", "must not be negative"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"US", "USDX", "ABC", "", "U$D", "E1R"})
  void impFloorCurrencyMustBeIso4217(String code) {
    assertThat(problems("{'id':'r','imp':[{'id':'1','banner':{},'bidfloorcur':'" + code + "'}]}"))
        .containsExactly(problem("imp[0].bidfloorcur",
            "is not an ISO 4217 currency code: \"" + code + "\""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"USD", "EUR", "JPY", "CHF"})
  void knownCurrenciesAreAccepted(String code) {
    assertThat(problems("{'id':'r','cur':['" + code + "'],'imp':[{'id':'1','banner':{},"
        + "'bidfloorcur':'" + code + "'}]}")).isEmpty();
  }

  @Test
  void dealFloorCurrencyMustBeIso4217() {
    assertThat(problems(withDeals("{'id':'d1','bidfloorcur':'euro'}")))
        .containsExactly(problem("imp[0].pmp.deals[0].bidfloorcur",
            "is not an ISO 4217 currency code: \"euro\""));
  }

  @Test
  void eachAllowedCurrencyMustBeIso4217() {
    assertThat(problems("{'id':'r','cur':['USD','XYZ'],'imp':[" + BANNER_IMP + "]}"))
        .containsExactly(problem("cur[1]", "is not an ISO 4217 currency code: \"XYZ\""));
  }

  @Test
  void echoedValuesAreCutShort() {
    assertThat(problems("{'id':'r','cur':['" + "X".repeat(40) + "'],'imp':[" + BANNER_IMP + "]}"))
        .containsExactly(problem("cur[0]",
            "is not an ISO 4217 currency code: \"XXXXXXXXXXXXXXXX...\""));
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 60_001, Integer.MAX_VALUE})
  void tmaxMustBeSane(int tmax) {
    assertThat(problems("{'id':'r','tmax':" + tmax + ",'imp':[" + BANNER_IMP + "]}"))
        .containsExactly(problem("tmax", "must be between 0 and 60000 ms"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 120, 60_000})
  void tmaxWithinCeilingIsFine(int tmax) {
    assertThat(problems("{'id':'r','tmax':" + tmax + ",'imp':[" + BANNER_IMP + "]}")).isEmpty();
  }

  @Test
  void tmaxCeilingIsConfigurable() {
    RequestValidator strict = new RequestValidator(500);
    BidRequest request = request("{'id':'r','tmax':501,'imp':[" + BANNER_IMP + "]}");

    assertThat(strict.validate(request))
        .containsExactly(problem("tmax", "must be between 0 and 500 ms"));
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 0, 3, 500})
  void auctionTypeMustBeFirstOrSecondPriceOrExchangeSpecific(int at) {
    assertThat(problems("{'id':'r','at':" + at + ",'imp':[" + BANNER_IMP + "]}"))
        .containsExactly(problem("at", "must be 1 (first price), 2 (second price) or above 500"));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 501})
  void validAuctionTypesAreAccepted(int at) {
    assertThat(problems("{'id':'r','at':" + at + ",'imp':[" + BANNER_IMP + "]}")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
      "'banner':{'w':-1}, imp[0].banner.w",
      "'banner':{'h':-250}, imp[0].banner.h",
      "'banner':{'format':[{'w':300;'h':250};{'w':-728;'h':90}]}, imp[0].banner.format[1].w",
      "'banner':{'format':[{'w':300;'h':-1}]}, imp[0].banner.format[0].h",
      "'video':{'minduration':-5}, imp[0].video.minduration",
      "'video':{'maxduration':-30}, imp[0].video.maxduration",
      "'audio':{'minduration':-1}, imp[0].audio.minduration",
      "'banner':{};'exp':-1, imp[0].exp"})
  void negativeSizesDurationsAndExpiryAreRejected(String members, String field) {
    String imp = "{'id':'1'," + members.replace(';', ',') + "}";

    assertThat(problems("{'id':'r','imp':[" + imp + "]}"))
        .containsExactly(problem(field, "must not be negative"));
  }

  @ParameterizedTest
  @CsvSource({"video, 30, 15", "audio, 61, 60"})
  void minDurationMustNotExceedMax(String media, int min, int max) {
    String imp = "{'id':'1','" + media + "':{'minduration':" + min + ",'maxduration':" + max + "}}";

    assertThat(problems("{'id':'r','imp':[" + imp + "]}"))
        .containsExactly(problem("imp[0]." + media + ".minduration",
            "must not exceed maxduration (" + max + ")"));
  }

  @Test
  void equalMinAndMaxDurationIsFine() {
    assertThat(problems("{'id':'r','imp':[{'id':'1','video':{'minduration':15,'maxduration':15}}]}"))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 2, 7})
  void testFlagMustBeZeroOrOne(int test) {
    assertThat(problems("{'id':'r','test':" + test + ",'imp':[" + BANNER_IMP + "]}"))
        .containsExactly(problem("test", "must be 0 or 1"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{'bidfloor':1}", "{'id':''}", "{'id':'  '}"})
  void dealIdIsRequired(String deal) {
    assertThat(problems(withDeals("{'id':'d1'}," + deal)))
        .containsExactly(problem("imp[0].pmp.deals[1].id", "is required"));
  }

  @Test
  void duplicateDealIdsWithinAnImpNameBothPositions() {
    assertThat(problems(withDeals("{'id':'d1'},{'id':'d2'},{'id':'d2'}")))
        .containsExactly(
            problem("imp[0].pmp.deals[2].id", "duplicates imp[0].pmp.deals[1].id \"d2\""));
  }

  @Test
  void sameDealIdInDifferentImpsIsFine() {
    String imps = "{'id':'1','banner':{},'pmp':{'deals':[{'id':'d1'}]}},"
        + "{'id':'2','banner':{},'pmp':{'deals':[{'id':'d1'}]}}";

    assertThat(problems("{'id':'r','imp':[" + imps + "]}")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 4, 500})
  void dealAuctionTypeMustBeKnown(int at) {
    assertThat(problems(withDeals("{'id':'d1','at':" + at + "}")))
        .containsExactly(problem("imp[0].pmp.deals[0].at",
            "must be 1 (first price), 2 (second price), 3 (fixed price) or above 500"));
  }

  @Test
  void unknownDeviceTypeIsTolerated() {
    assertThat(problems("{'id':'r','device':{'devicetype':99},'imp':[" + BANNER_IMP + "]}"))
        .isEmpty();
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    String body = "{'test':3,'at':0,'tmax':-5,'cur':['usdx'],'site':{},'app':{},"
        + "'imp':[{'id':'1','bidfloor':-1},{'id':'1','video':{'minduration':9,'maxduration':3}}]}";

    assertThat(problems(body)).containsExactlyInAnyOrder(
        problem("id", "is required"),
        problem("imp[0]", "must offer at least one of banner, video, audio, native"),
        problem("imp[0].bidfloor", "must not be negative"),
        // (imp[1] reuses imp[0]'s id, but imp[0] is dropped for its own faults: not a duplicate)
        problem("imp[1].video.minduration", "must not exceed maxduration (3)"),
        problem("app", "must not be present together with site"),
        problem("test", "must be 0 or 1"),
        problem("at", "must be 1 (first price), 2 (second price) or above 500"),
        problem("tmax", "must be between 0 and 60000 ms"),
        problem("cur[0]", "is not an ISO 4217 currency code: \"usdx\""));
  }

  @Test
  void currencyCodesAreAcceptedInAnyCase() {
    assertThat(problems("{'id':'r','cur':['eur'],'imp':[{'id':'1','banner':{},'bidfloorcur':'usd'}]}")).isEmpty();
  }

  @Test
  void aBadImpDropsOnlyThatImpWhileABadRequestIsRefused() {
    RequestValidator.Verdict oneBad = validator.check(request(
        "{'id':'r','imp':[{'id':'1','banner':{}},{'id':'2','video':{'minduration':9,'maxduration':3}},{'id':'1','banner':{}}]}"));
    assertThat(oneBad.refused()).isFalse();
    assertThat(oneBad.requestProblems()).isEmpty();
    assertThat(oneBad.impProblems()).containsOnlyKeys(1, 2);
    assertThat(oneBad.impProblems().get(2)).containsExactly(problem("imp[2].id", "duplicates imp[0].id \"1\""));

    // An imp dropped for its own fault leaves its id to a later, valid one.
    RequestValidator.Verdict reused = validator.check(request("{'id':'r','imp':[{'id':'1'},{'id':'1','banner':{}}]}"));
    assertThat(reused.impProblems()).containsOnlyKeys(0);
    assertThat(validator.check(request("{'id':'r','imp':[{'id':'1'}]}")).refused()).as("no imp left").isTrue();
    assertThat(validator.check(request("{'imp':[{'id':'1','banner':{}}]}")).refused()).as("no request id").isTrue();
  }

  private List<ValidationProblem> problems(String singleQuotedJson) {
    return validator.validate(request(singleQuotedJson));
  }

  private BidRequest request(String singleQuotedJson) {
    return json.readBidRequest(singleQuotedJson.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }

  private static String withDeals(String deals) {
    return "{'id':'r','imp':[{'id':'1','banner':{},'pmp':{'deals':[" + deals + "]}}]}";
  }

  private static ValidationProblem problem(String field, String message) {
    return new ValidationProblem(field, message);
  }
}
