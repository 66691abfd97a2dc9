package in.pravesh.entry.domain;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;

/**
 * What the replicated entry cache holds for one ticket and date, as a string (ProtoStream marshals
 * strings without a schema): first a scan's {@link Claim}, then, once the admission's row is
 * committed, the {@link Admitted} record that later scans answer from without a database read. A
 * move (an exit, a re-entry) replaces the record by a claim while the database decides it, then by
 * the new record.
 */
public sealed interface EntryMark {

  /** Looked up once: {@code Json.createX()} asks the ServiceLoader for a provider every time. */
  JsonProvider JSON = JsonProvider.provider();

  /** The cache text of this mark. */
  String text();

  /** Reads a cache value; anything unreadable counts as no mark at all. */
  static EntryMark parse(String text) {
    if (text == null) {
      return null;
    }
    try (JsonReader reader = JSON.createReader(new StringReader(text))) {
      JsonObject json = reader.readObject();
      return switch (json.getString("m")) {
        case "claim" -> new Claim(json.getString("node"), json.getJsonNumber("at").longValue());
        case "admitted" -> {
          JsonObject t = json.getJsonObject("ticket");
          yield new Admitted(
              Instant.ofEpochMilli(json.getJsonNumber("at").longValue()),
              json.getString("gate"),
              json.getString("scanKey", null),
              json.getBoolean("inside", true),
              json.getInt("moves", 0),
              // A record of the previous release has only its last move's key.
              json.getString("moveKeys", json.getString("lastKey", null)),
              new ScannedTicket(
                  t.getString("id"),
                  t.getString("code"),
                  t.getString("name", null),
                  t.getInt("partySize"),
                  LocalDate.parse(t.getString("date"))));
        }
        default -> null;
      };
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** A scan on {@code node} is deciding this ticket's admission since {@code atMillis}. */
  record Claim(String node, long atMillis) implements EntryMark {

    public boolean isStale(long nowMillis, long staleAfterMillis) {
      return nowMillis - atMillis > staleAfterMillis;
    }

    @Override
    public String text() {
      return JSON.createObjectBuilder()
          .add("m", "claim")
          .add("node", node)
          .add("at", atMillis)
          .build()
          .toString();
    }
  }

  /**
   * The committed admission: when, at which gate, by which scan (a key hash), of which ticket; and
   * the ticket's state after its last committed move: inside or not, the number of moves (exits and
   * re-entries, a version: a mark never replaces one with more moves) and the recent moves' scan
   * keys (newest first, separated by spaces).
   */
  record Admitted(
      Instant at,
      String gate,
      String scanKey,
      boolean inside,
      int moves,
      String moveKeys,
      ScannedTicket ticket)
      implements EntryMark {

    @Override
    public String text() {
      JsonObjectBuilder t =
          JSON.createObjectBuilder()
              .add("id", ticket.id())
              .add("code", ticket.code())
              .add("partySize", ticket.partySize())
              .add("date", ticket.date().toString());
      if (ticket.name() != null) {
        t.add("name", ticket.name());
      }
      JsonObjectBuilder json =
          JSON.createObjectBuilder()
              .add("m", "admitted")
              .add("at", at.toEpochMilli())
              .add("gate", gate)
              .add("inside", inside)
              .add("moves", moves)
              .add("ticket", t);
      if (scanKey != null) {
        json.add("scanKey", scanKey);
      }
      if (moveKeys != null) {
        json.add("moveKeys", moveKeys);
        // For the previous release's nodes during a rolling deploy: the last move's key alone.
        String newest = moveKeys.split(" ", 2)[0];
        json.add(
            "lastKey",
            newest.length() > 2 && newest.charAt(1) == ':' ? newest.substring(2) : newest);
      }
      return json.build().toString();
    }
  }
}
