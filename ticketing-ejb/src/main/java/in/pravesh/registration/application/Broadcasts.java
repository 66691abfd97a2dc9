package in.pravesh.registration.application;

import in.pravesh.audit.AuditLog;
import in.pravesh.event.domain.Event;
import in.pravesh.event.domain.Slot;
import in.pravesh.jobs.JobSender;
import in.pravesh.notification.application.OutgoingMessage;
import in.pravesh.platform.BusinessException;
import in.pravesh.platform.ratelimit.RateLimiter;
import in.pravesh.registration.domain.Registration;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A message to every active registrant of a slot (a rain closure): one {@code broadcast} notify job
 * per recipient, queued with the broadcast's row in one transaction, each sent once (its job id
 * names the broadcast and the registration). Messages count against the broadcast budget of the
 * hour (over it, they wait for the next hour); an admin sends at most a few broadcasts an hour.
 */
@Stateless
public class Broadcasts {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

  @PersistenceContext EntityManager em;
  @Inject Clock clock;
  @Inject JobSender jobs;
  @Inject RateLimiter rateLimiter;
  @Inject AuditLog audit;

  @Inject
  @ConfigProperty(name = "ticketing.broadcasts.per-admin-per-hour", defaultValue = "10")
  int perAdminPerHour;

  @Inject
  @ConfigProperty(
      name = "ticketing.sms.broadcast-text",
      defaultValue = "Pravesh: {event}, {date} {time}: {message}")
  String smsText;

  @Inject
  @ConfigProperty(
      name = "ticketing.whatsapp.broadcast-content-sid",
      defaultValue = "HX-dev-broadcast")
  String whatsappContentSid;

  /** What was sent, to how many. */
  public record BroadcastView(String id, String slotId, String message, int recipients) {}

  /**
   * Queues a broadcast. {@code idempotencyKey} (may be null): the same key from the same admin
   * again answers the broadcast already made and sends nothing more.
   */
  public BroadcastView send(
      UUID slotId, String text, String idempotencyKey, Caller admin, AuditLog.Actor actor) {
    Slot slot = em.find(Slot.class, slotId);
    if (slot == null) {
      throw BusinessException.invalid("slotId", "No such slot");
    }
    // One line: WhatsApp templates refuse new lines and runs of spaces in a variable.
    String message = text.strip().replaceAll("\\s+", " ");
    if (message.isEmpty()) {
      throw BusinessException.invalid("message", "A message is required");
    }
    if (idempotencyKey != null) {
      em.createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))")
          .setParameter(1, "broadcast:" + admin.personId() + ":" + idempotencyKey)
          .getSingleResult();
      List<?> made =
          em.createNativeQuery(
                  "select id, slot_id, message, recipients from broadcast"
                      + " where created_by = ?1 and idempotency_key = ?2")
              .setParameter(1, admin.personId())
              .setParameter(2, idempotencyKey)
              .getResultList();
      if (!made.isEmpty()) {
        Object[] row = (Object[]) made.get(0);
        return new BroadcastView(
            row[0].toString(), row[1].toString(), (String) row[2], ((Number) row[3]).intValue());
      }
    }
    Instant now = clock.instant();
    rateLimiter.acquire(
        "broadcasts",
        admin.personId().toString(),
        perAdminPerHour,
        Duration.ofHours(1),
        () ->
            ((Number)
                    em.createNativeQuery(
                            "select count(*) from broadcast where created_by = ?1"
                                + " and created_at > ?2")
                        .setParameter(1, admin.personId())
                        .setParameter(2, Timestamp.from(now.minus(Duration.ofHours(1))))
                        .getSingleResult())
                .longValue());
    List<UUID> recipients =
        em.createQuery(
                "select r.id from Registration r where r.slot.id = :slot and r.status <> :cancelled"
                    + " and r.phone is not null order by r.createdAt",
                UUID.class)
            .setParameter("slot", slotId)
            .setParameter("cancelled", Registration.Status.CANCELLED)
            .getResultList();
    UUID id = UUID.randomUUID();
    em.createNativeQuery(
            "insert into broadcast (id, slot_id, message, created_by, created_at, recipients,"
                + " idempotency_key) values (?1, ?2, ?3, ?4, ?5, ?6, cast(?7 as varchar))")
        .setParameter(1, id)
        .setParameter(2, slotId)
        .setParameter(3, message)
        .setParameter(4, admin.personId())
        .setParameter(5, Timestamp.from(now))
        .setParameter(6, recipients.size())
        .setParameter(7, idempotencyKey)
        .executeUpdate();
    for (UUID registration : recipients) {
      jobs.notifyBroadcast(id, registration);
    }
    audit.record(
        actor,
        "broadcast.sent",
        id.toString(),
        "slot " + slotId + " to " + recipients.size() + ": " + message);
    return new BroadcastView(id.toString(), slotId.toString(), message, recipients.size());
  }

  /**
   * A broadcast as the message to one registrant, on the channel their ticket goes by (SMS for a
   * ticket only shown at a desk); empty for a registration cancelled or erased since.
   */
  public Optional<OutgoingMessage> compose(UUID broadcastId, UUID registrationId, String channel) {
    Registration registration = em.find(Registration.class, registrationId);
    List<?> rows =
        em.createNativeQuery("select message from broadcast where id = ?1")
            .setParameter(1, broadcastId)
            .getResultList();
    if (registration == null
        || !registration.isActive()
        || registration.phone() == null
        || rows.isEmpty()) {
      return Optional.empty();
    }
    String message = (String) rows.get(0);
    Slot slot = registration.slot();
    Event event = slot.event();
    Map<String, String> values =
        Map.of(
            "event", event.name(),
            "date", DATE.format(slot.date()),
            "time", slot.startsAt().toString(),
            "message", message);
    String text = smsText;
    for (var value : values.entrySet()) {
      text = text.replace("{" + value.getKey() + "}", value.getValue());
    }
    boolean whatsapp =
        channel == null && "whatsapp".equals(registration.ticketChannel().orElse("sms"));
    OutgoingMessage outgoing =
        whatsapp
            ? new OutgoingMessage(
                "broadcast",
                OutgoingMessage.Channel.WHATSAPP,
                registration.phone(),
                text,
                null,
                whatsappContentSid,
                Map.of(
                    "1",
                    event.name(),
                    "2",
                    values.get("date") + " " + values.get("time"),
                    "3",
                    message))
            : OutgoingMessage.text(
                "broadcast", OutgoingMessage.Channel.SMS, registration.phone(), text);
    return Optional.of(outgoing);
  }
}
