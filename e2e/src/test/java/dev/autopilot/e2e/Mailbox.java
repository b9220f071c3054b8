package dev.autopilot.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads the SMTP catcher's inbox through its HTTP API. */
final class Mailbox {
  private Mailbox() {}

  /** The messages received for an address, as the catcher's API returns them. */
  static List<JsonNode> messages(String address) throws Exception {
    Http.Reply reply = Http.get(Suite.MAIL_API, "/api/user/" + address + "/messages/", null);
    List<JsonNode> messages = new ArrayList<>();
    if (reply.body() != null) {
      reply.body().forEach(messages::add);
    }
    return messages;
  }

  /** Subjects of the messages received for an address. */
  static List<String> subjects(String address) throws Exception {
    Http.Reply reply = Http.get(Suite.MAIL_API, "/api/user/" + address + "/messages/", null);
    List<String> subjects = new ArrayList<>();
    if (reply.body() != null) {
      for (JsonNode message : reply.body()) {
        subjects.add(message.path("subject").asText());
      }
    }
    return subjects;
  }
}
