package dev.autopilot.bench.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time and resident memory of a process from {@code /proc}: {@code utime + stime} (+ {@code
 * cutime + cstime}, the children it has waited for) from {@code /proc/<pid>/stat}, {@code VmRSS}
 * from {@code /proc/<pid>/status}. With {@code children}, the direct children are added (a
 * PostgreSQL postmaster and its backends).
 */
final class ProcSampler {
  private static final double TICKS_PER_SECOND = ticksPerSecond();

  private final String name;
  private final long pid;
  private final boolean children;

  ProcSampler(String name, long pid, boolean children) {
    this.name = name;
    this.pid = pid;
    this.children = children;
  }

  String name() {
    return name;
  }

  boolean alive() {
    return Files.exists(Path.of("/proc/" + pid + "/stat"));
  }

  /** CPU seconds used so far by the process (and its children, when asked). */
  double cpuSeconds() {
    double total = cpuOf(pid, true);
    if (children) {
      for (long child : childrenOf(pid)) {
        total += cpuOf(child, false);
      }
    }
    return total;
  }

  /** Resident set size in MiB (the process alone: children share memory with it). */
  double rssMib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }

  private static double cpuOf(long pid, boolean withWaitedChildren) {
    String[] f = statFields(pid);
    if (f == null) {
      return 0;
    }
    // Fields after "(comm)": index 0 is field 3 (state); utime is field 14, stime 15, cutime 16,
    // cstime 17.
    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    if (withWaitedChildren) {
      ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }
    return ticks / TICKS_PER_SECOND;
  }

  private static List<Long> childrenOf(long parent) {
    List<Long> found = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      procs
          .map(p -> p.getFileName().toString())
          .filter(n -> n.chars().allMatch(Character::isDigit))
          .map(Long::parseLong)
          .forEach(
              p -> {
                String[] f = statFields(p);
                if (f != null && Long.parseLong(f[1]) == parent) {
                  found.add(p);
                }
              });
    } catch (IOException e) {
      return found;
    }
    return found;
  }

  /** The fields of /proc/pid/stat after the command name, or null if the process is gone. */
  private static String[] statFields(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static double ticksPerSecond() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
      return Double.parseDouble(new String(p.getInputStream().readAllBytes()).strip());
    } catch (IOException | RuntimeException e) {
      return 100;
    }
  }
}
