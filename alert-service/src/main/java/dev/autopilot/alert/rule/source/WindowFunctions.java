package dev.autopilot.alert.rule.source;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The windowed aggregations of {@code samples} rules over one group of series. avg/min/max/count/
 * p95/p99 pool the samples of every series in the group; sum adds the samples; last adds each
 * series' newest value; rate adds each series' per-second increase (counter resets handled as in
 * Prometheus: a drop means the counter restarted from zero). Empty windows give no value.
 */
final class WindowFunctions {
  private WindowFunctions() {}

  static OptionalDouble apply(String function, List<SeriesBuffer.Window> windows) {
    double[] all = pooled(windows);
    return switch (function) {
      case "avg" -> Arrays.stream(all).average();
      case "min" -> Arrays.stream(all).min();
      case "max" -> Arrays.stream(all).max();
      case "sum" ->
          all.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(Arrays.stream(all).sum());
      case "count" -> OptionalDouble.of(all.length);
      case "last" -> last(windows);
      case "rate" -> rate(windows);
      case "p95" -> quantile(all, 0.95);
      case "p99" -> quantile(all, 0.99);
      default -> throw new IllegalArgumentException("unknown function " + function);
    };
  }

  /** The q-quantile with linear interpolation between closest ranks (Prometheus's method). */
  static OptionalDouble quantile(double[] values, double q) {
    if (values.length == 0) {
      return OptionalDouble.empty();
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double rank = q * (sorted.length - 1);
    int lower = (int) Math.floor(rank);
    int upper = Math.min(lower + 1, sorted.length - 1);
    double weight = rank - lower;
    return OptionalDouble.of(sorted[lower] * (1 - weight) + sorted[upper] * weight);
  }

  private static OptionalDouble last(List<SeriesBuffer.Window> windows) {
    double sum = 0;
    boolean any = false;
    for (SeriesBuffer.Window w : windows) {
      if (w.values().length > 0) {
        sum += w.values()[w.values().length - 1];
        any = true;
      }
    }
    return any ? OptionalDouble.of(sum) : OptionalDouble.empty();
  }

  private static OptionalDouble rate(List<SeriesBuffer.Window> windows) {
    double sum = 0;
    boolean any = false;
    for (SeriesBuffer.Window w : windows) {
      int n = w.values().length;
      if (n < 2) {
        continue;
      }
      double increase = 0;
      for (int i = 1; i < n; i++) {
        double delta = w.values()[i] - w.values()[i - 1];
        increase += delta >= 0 ? delta : w.values()[i];
      }
      double seconds = (w.times()[n - 1] - w.times()[0]) / 1000.0;
      if (seconds > 0) {
        sum += increase / seconds;
        any = true;
      }
    }
    return any ? OptionalDouble.of(sum) : OptionalDouble.empty();
  }

  private static double[] pooled(List<SeriesBuffer.Window> windows) {
    int total = windows.stream().mapToInt(w -> w.values().length).sum();
    double[] all = new double[total];
    int at = 0;
    for (SeriesBuffer.Window w : windows) {
      System.arraycopy(w.values(), 0, all, at, w.values().length);
      at += w.values().length;
    }
    return all;
  }
}
