package dev.gavel.pipeline.fraud;

/** A FIFO of primitive longs that grows on demand up to a fixed capacity (no boxing per event). */
final class LongRing {

  private final int capacity;
  private long[] values;
  private int head;
  private int size;

  LongRing(int capacity) {
    this.capacity = capacity;
    this.values = new long[Math.min(capacity, 4)];
  }

  int size() {
    return size;
  }

  boolean isFull() {
    return size == capacity;
  }

  long oldest() {
    if (size == 0) {
      throw new IllegalStateException("empty");
    }
    return values[head];
  }

  void removeOldest() {
    oldest();
    head = (head + 1) % values.length;
    size--;
  }

  /** Appends, dropping the oldest value when already at capacity. */
  void add(long value) {
    if (size == capacity) {
      removeOldest();
    } else if (size == values.length) {
      grow();
    }
    values[(head + size) % values.length] = value;
    size++;
  }

  private void grow() {
    long[] larger = new long[(int) Math.min(capacity, 2L * values.length)];
    for (int i = 0; i < size; i++) {
      larger[i] = values[(head + i) % values.length];
    }
    values = larger;
    head = 0;
  }
}
