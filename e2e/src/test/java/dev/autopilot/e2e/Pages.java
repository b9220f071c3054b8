package dev.autopilot.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FIRING pages in the SMTP catcher, per alert name, counted as distinct Message-IDs:
 * notification-service derives the Message-ID from the notification, so a copy re-sent after a
 * crash between "SMTP accepted" and "marked sent" (unavoidable with SMTP, and better than a lost
 * page) is the same message to every mail system, while a second notification would have its own.
 * The fault drills count lost and duplicated pages with it.
 */
final class Pages {
  static final String ONCALL = "oncall@autopilot.local";

  private static final Pattern MESSAGE_ID =
      Pattern.compile("Message-I[Dd]: *<([^>]+)>", Pattern.CASE_INSENSITIVE);
  private static final Pattern WORDS = Pattern.compile("\\W+");

  /**
   * What the catcher holds for a set of alert names.
   *
   * @param perName distinct pages (Message-IDs) per alert name that got at least one
   * @param resent copies of a message delivered more than once (same Message-ID)
   */
  record Count(Map<String, Long> perName, int resent) {
    /** Names of the set with no page. */
    long lost(Collection<String> names) {
      return names.stream().filter(n -> !perName.containsKey(n)).count();
    }

    /** Pages beyond the first per alert. */
    long duplicated() {
      return perName.values().stream().mapToLong(n -> n - 1).sum();
    }

    /** Every name paged, each exactly once. */
    boolean exactlyOnce(Collection<String> names) {
      return lost(names) == 0 && duplicated() == 0;
    }
  }

  private Pages() {}

  /** FIRING pages to the on-call whose subject names one of {@code names} (as a whole word). */
  static Count firing(Collection<String> names) throws Exception {
    Set<String> wanted = Set.copyOf(names);
    Map<String, Set<String>> ids = new TreeMap<>();
    int copies = 0;
    for (JsonNode message : Mailbox.messages(ONCALL)) {
      String subject = message.path("subject").asText();
      if (!subject.contains("FIRING")) {
        continue;
      }
      for (String word : WORDS.split(subject)) {
        if (wanted.contains(word)) {
          copies++;
          ids.computeIfAbsent(word, n -> new HashSet<>()).add(messageId(message));
        }
      }
    }
    int distinct = ids.values().stream().mapToInt(Set::size).sum();
    Map<String, Long> count = new TreeMap<>();
    ids.forEach((name, set) -> count.put(name, (long) set.size()));
    return new Count(count, copies - distinct);
  }

  private static String messageId(JsonNode message) {
    for (String field : new String[] {"Message-ID", "messageId"}) {
      String direct = message.path(field).asText("");
      if (!direct.isEmpty()) {
        return direct;
      }
    }
    Matcher m = MESSAGE_ID.matcher(message.toString());
    return m.find() ? m.group(1) : message.toString();
  }
}
