package dev.gavel.tools.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The publishers' inventory the demo sends: the sites, apps and deals the sample campaigns target
 * (read from the campaigns file, so the traffic follows it), plus long-tail inventory no campaign
 * targets, where only the external bidders can fill.
 */
final class Inventory {
  /** What one campaign is looking for, so that some requests can be aimed at it. */
  record Target(String id, String type, List<String> sizes, List<String> siteDomains, List<String> appBundles,
                List<String> countries, List<Integer> deviceTypes, List<String> deals, boolean openAuction) {}

  private static final List<String> LONG_TAIL_SITES = List.of(
      "crosswordhub.net", "localweather-daily.com", "gardenpatch-blog.com", "retro-gamer-forum.net", "citybus-times.org");
  private static final List<String> LONG_TAIL_APPS = List.of("com.example.puzzlequest", "com.example.fittrack");
  private static final List<String> FALLBACK_SITES = List.of(
      "dailyledger-news.com", "metrotimes-online.com", "techbrief.io", "gadgetbench.com", "weeknightrecipes.com",
      "goalline-sports.com");
  private static final List<String> FALLBACK_APPS = List.of("com.example.recipebox", "com.example.mealplanner");
  private static final List<String> FALLBACK_TV = List.of("tv.example.streambox", "tv.example.newschannel");
  private static final List<String> FALLBACK_AUDIO = List.of("com.example.podcastplayer", "com.example.radionow");

  final List<Target> targets;
  final List<String> sites;
  final List<String> apps;
  final List<String> tvApps;
  final List<String> audioApps;

  private Inventory(List<Target> targets, List<String> sites, List<String> apps, List<String> tvApps, List<String> audioApps) {
    this.targets = targets;
    this.sites = sites;
    this.apps = apps;
    this.tvApps = tvApps;
    this.audioApps = audioApps;
  }

  /** The inventory shaped by this campaigns file, or a built-in copy of the samples' when it cannot be read. */
  static Inventory load(Path campaignsFile) {
    List<Target> targets = new ArrayList<>();
    try {
      JsonArray campaigns = new JsonObject(Files.readString(campaignsFile)).getJsonArray("campaigns", new JsonArray());
      for (int i = 0; i < campaigns.size(); i++) {
        targets.add(target(campaigns.getJsonObject(i)));
      }
    } catch (IOException | RuntimeException e) {
      System.err.println("demo: cannot read " + campaignsFile + " (" + e.getMessage() + "); using built-in inventory");
    }
    Set<String> sites = new LinkedHashSet<>(targets.isEmpty() ? FALLBACK_SITES : List.of());
    Set<String> apps = new LinkedHashSet<>(targets.isEmpty() ? FALLBACK_APPS : List.of());
    Set<String> tv = new LinkedHashSet<>(targets.isEmpty() ? FALLBACK_TV : List.of());
    Set<String> audio = new LinkedHashSet<>(targets.isEmpty() ? FALLBACK_AUDIO : List.of());
    for (Target t : targets) {
      sites.addAll(t.siteDomains());
      for (String bundle : t.appBundles()) {
        (t.type().equals("audio") ? audio : bundle.startsWith("tv.") ? tv : apps).add(bundle);
      }
    }
    sites.addAll(LONG_TAIL_SITES);
    apps.addAll(LONG_TAIL_APPS);
    addIfEmpty(tv, FALLBACK_TV);
    addIfEmpty(audio, FALLBACK_AUDIO);
    return new Inventory(List.copyOf(targets), List.copyOf(sites), List.copyOf(apps), List.copyOf(tv), List.copyOf(audio));
  }

  private static void addIfEmpty(Set<String> set, List<String> fallback) {
    if (set.isEmpty()) {
      set.addAll(fallback);
    }
  }

  private static Target target(JsonObject c) {
    JsonObject creative = c.getJsonObject("creative", new JsonObject());
    JsonObject targeting = c.getJsonObject("targeting", new JsonObject());
    String type = creative.getString("type", "banner");
    List<String> sizes = new ArrayList<>();
    if (creative.getString("size") != null) {
      sizes.add(creative.getString("size"));
    } else {
      sizes.addAll(strings(targeting.getJsonArray("sizes")));
    }
    List<Integer> deviceTypes = new ArrayList<>();
    JsonArray dt = targeting.getJsonArray("deviceTypes", new JsonArray());
    for (int i = 0; i < dt.size(); i++) {
      deviceTypes.add(dt.getInteger(i));
    }
    return new Target(c.getString("id"), type, List.copyOf(sizes), strings(targeting.getJsonArray("siteDomains")),
        strings(targeting.getJsonArray("appBundles")), strings(targeting.getJsonArray("countries")),
        List.copyOf(deviceTypes), strings(c.getJsonArray("deals")), c.getBoolean("openAuction", true));
  }

  private static List<String> strings(JsonArray array) {
    List<String> out = new ArrayList<>();
    if (array != null) {
      for (int i = 0; i < array.size(); i++) {
        out.add(array.getString(i));
      }
    }
    return List.copyOf(out);
  }

  static <T> T pick(List<T> items) {
    return items.get(ThreadLocalRandom.current().nextInt(items.size()));
  }
}
