package dev.gavel.tools.demo;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Who views the ads: realistic browser, in-app and TV user agents by OpenRTB device type,
 * residential-looking IPv4 addresses, and the bots and data-centre hosts that invalid traffic
 * comes from.
 */
final class Clients {
  /** The viewer of one request: the device's user agent and IP, as the publisher saw them. */
  record Client(String userAgent, String ip) {}

  private static final List<String> DESKTOP = List.of(
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36");
  private static final List<String> PHONE = List.of(
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1",
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
      "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36");
  private static final List<String> TABLET = List.of(
      "Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1",
      "Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36");
  private static final List<String> IN_APP = List.of(
      "Mozilla/5.0 (Linux; Android 14; Pixel 7 Build/AP2A.240805.005; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/131.0.6778.39 Mobile Safari/537.36",
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148");
  private static final List<String> TV = List.of(
      "Mozilla/5.0 (Web0S; Linux/SmartTV) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/87.0.4280.88 Safari/537.36 WebAppManager",
      "Mozilla/5.0 (SMART-TV; Linux; Tizen 7.0) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/5.0 Chrome/94.0.4606.31 TV Safari/537.36");
  static final List<String> BOTS = List.of(
      "curl/8.5.0",
      "python-requests/2.32.3",
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
      "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)");
  /** First octets of large consumer ISP blocks; none is in a data-centre range Gavel lists. */
  private static final int[] HOME_NETWORKS = {24, 50, 67, 68, 71, 73, 75, 76, 86, 98, 99, 108, 174, 184};

  private Clients() {}

  static Client viewer(int deviceType, boolean inApp) {
    return new Client(userAgent(deviceType, inApp), homeIp());
  }

  static String userAgent(int deviceType, boolean inApp) {
    return switch (deviceType) {
      case 3, 6, 7 -> Inventory.pick(TV);
      case 5 -> Inventory.pick(inApp ? IN_APP : TABLET);
      case 1, 4 -> Inventory.pick(inApp ? IN_APP : PHONE);
      default -> Inventory.pick(DESKTOP);
    };
  }

  static String homeIp() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return HOME_NETWORKS[r.nextInt(HOME_NETWORKS.length)] + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
  }

  /** An address in 198.51.100.0/24, which conf/gavel.yaml lists as a data-centre range. */
  static String dataCenterIp() {
    return "198.51.100." + (1 + ThreadLocalRandom.current().nextInt(254));
  }

  static String bot() {
    return Inventory.pick(BOTS);
  }
}
