package dev.gavel.pipeline.publish;

import dev.gavel.events.EventEnvelope;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only, segmented spool on local disk for events Kafka could not take. Appends go to
 * the open segment; replay reads sealed segments oldest first and deletes each once Kafka has
 * acknowledged all of it. All file I/O is Vert.x's asynchronous file system: nothing here blocks
 * the event loop. Confined to the publisher verticle's event loop.
 */
final class Spool {
  private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
  static final long SEGMENT_BYTES = 64L * 1024 * 1024;

  private final Vertx vertx;
  private final Path dir;
  private final long maxBytes;
  private final long segmentBytes;
  private final Deque<String> sealed = new ArrayDeque<>();
  private long nextSegment;
  /** The segment taking appends, or null; its file opens asynchronously, so writes chain on it. */
  private String openPath;
  private Future<AsyncFile> openFile;
  private long openBytes;
  private long sealedBytes;
  private Future<Void> lastWrite = Future.succeededFuture();

  Spool(Vertx vertx, Path dir, long maxBytes) {
    this(vertx, dir, maxBytes, SEGMENT_BYTES);
  }

  Spool(Vertx vertx, Path dir, long maxBytes, long segmentBytes) {
    this.vertx = vertx;
    this.dir = dir;
    this.maxBytes = maxBytes;
    this.segmentBytes = segmentBytes;
  }

  /** Finds segments left by an earlier run: they are replayed before anything new. */
  Future<Void> start() {
    return vertx.fileSystem().mkdirs(dir.toString())
        .compose(v -> vertx.fileSystem().readDir(dir.toString(), "segment-\\d+\\.spool"))
        .compose(files -> {
          List<String> sorted = files.stream().sorted(Comparator.comparingLong(Spool::sequence)).toList();
          sealed.addAll(sorted);
          nextSegment = sorted.isEmpty() ? 1 : sequence(sorted.get(sorted.size() - 1)) + 1;
          return Future.join(sorted.stream().map(f -> vertx.fileSystem().props(f).map(p -> sealedBytes += p.size())).toList());
        })
        .onSuccess(v -> {
          if (!sealed.isEmpty()) {
            LOG.info("spool holds {} segment(s), {} bytes from an earlier run; they will be replayed first", sealed.size(), sealedBytes);
          }
        })
        .mapEmpty();
  }

  /** Appends in call order. Returns false (and drops nothing silently: the caller counts it) when the spool is full. */
  boolean append(EventEnvelope envelope) {
    Buffer record = SpoolCodec.encode(envelope);
    if (bytes() + record.length() > maxBytes) {
      return false;
    }
    if (openPath == null || openBytes >= segmentBytes) {
      seal();
      openPath = dir.resolve("segment-" + nextSegment++ + ".spool").toString();
      openBytes = 0;
      openFile = vertx.fileSystem().open(openPath, new OpenOptions().setCreate(true).setAppend(true).setWrite(true));
    }
    openBytes += record.length();
    Future<AsyncFile> file = openFile;
    lastWrite = lastWrite.transform(v -> file.compose(f -> f.write(record)));
    return true;
  }

  /** Closes the open segment so it can be replayed; new appends start a new one. */
  Future<Void> seal() {
    if (openPath == null) {
      return Future.succeededFuture();
    }
    String path = openPath;
    Future<AsyncFile> file = openFile;
    long size = openBytes;
    openPath = null;
    openFile = null;
    openBytes = 0;
    sealed.addLast(path);
    sealedBytes += size;
    lastWrite = lastWrite.transform(v -> file.compose(f -> f.flush().compose(x -> f.close())));
    return lastWrite;
  }

  /** Forces written records to disk; called every flush interval (the bound on loss at kill -9). */
  Future<Void> flush() {
    if (openFile == null) {
      return lastWrite;
    }
    Future<AsyncFile> file = openFile;
    lastWrite = lastWrite.transform(v -> file.compose(AsyncFile::flush).otherwiseEmpty());
    return lastWrite;
  }

  String oldestSealed() {
    return sealed.peekFirst();
  }

  Future<SpoolCodec.Decoded> read(String segment) {
    return lastWrite.transform(v -> vertx.fileSystem().readFile(segment)).map(SpoolCodec::decode);
  }

  Future<Void> delete(String segment) {
    sealed.remove(segment);
    return vertx.fileSystem().props(segment)
        .compose(p -> {
          sealedBytes -= p.size();
          return vertx.fileSystem().delete(segment);
        });
  }

  boolean isEmpty() {
    return sealed.isEmpty() && openBytes == 0;
  }

  boolean hasOpenRecords() {
    return openPath != null && openBytes > 0;
  }

  long bytes() {
    return sealedBytes + openBytes;
  }

  Future<Void> close() {
    return seal().otherwiseEmpty();
  }

  private static long sequence(String file) {
    String name = Path.of(file).getFileName().toString();
    return Long.parseLong(name.substring("segment-".length(), name.length() - ".spool".length()));
  }
}
