package dev.gavel.tools.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs auctions until {@code count} have a winner and keeps each winner's signed tracking URLs:
 * the burl (billing: one distinct charge per auction) and the nurl (win notice). Called from the
 * lanes' event loops, hence the concurrent queues.
 */
final class UrlCollector {
  private static final Logger LOG = LoggerFactory.getLogger(UrlCollector.class);
  private static final int MAX_ROUNDS = 6;

  private final Queue<String> burls = new ConcurrentLinkedQueue<>();
  private final Queue<String> nurls = new ConcurrentLinkedQueue<>();

  void accept(int status, Buffer body) {
    if (status != 200) {
      return;
    }
    JsonArray seatbids = new JsonObject(body).getJsonArray("seatbid");
    if (seatbids == null) {
      return;
    }
    for (Object seat : seatbids) {
      for (Object o : ((JsonObject) seat).getJsonArray("bid", new JsonArray())) {
        JsonObject bid = (JsonObject) o;
        add(burls, bid.getString("burl"));
        add(nurls, bid.getString("nurl"));
      }
    }
  }

  private static void add(Queue<String> queue, String url) {
    if (url != null && !url.isEmpty()) {
      queue.add(url);
    }
  }

  /** Auctions in closed rounds until {@code count} burls are in, then writes the files. */
  JsonObject collect(int port, int count, int connections, int lanes, Path burlFile, Path nurlFile) throws Exception {
    RequestSource source = RequestSource.auctions(AuctionBodies.build(512, 300, 7));
    long auctions = 0;
    long t0 = System.nanoTime();
    for (int round = 0; round < MAX_ROUNDS && burls.size() < count; round++) {
      long missing = count - burls.size();
      long requests = round == 0 ? missing + missing / 5 + 10 : missing * 2 + 10;
      LoadPlan plan = new LoadPlan(LoadPlan.Mode.CLOSED, "127.0.0.1", port, source, 0, connections, 0, 600_000,
          requests, 10_000, 0, this::accept);
      LoadRun.run(plan, lanes);
      auctions += requests;
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    List<String> billing = new ArrayList<>(burls).subList(0, Math.min(count, burls.size()));
    Files.write(burlFile, billing);
    if (nurlFile != null) {
      Files.write(nurlFile, new ArrayList<>(nurls).subList(0, Math.min(count, nurls.size())));
    }
    LOG.info("collected {} billing URLs from {} auctions in {} s", billing.size(), auctions, Recorder.round(seconds));
    if (billing.size() < count) {
      throw new IOException("only " + billing.size() + " of " + count + " auctions had a winner");
    }
    return new JsonObject().put("auctions", auctions).put("winners", billing.size())
        .put("seconds", Recorder.round(seconds)).put("auctionsPerSecond", Recorder.round(auctions / seconds));
  }
}
