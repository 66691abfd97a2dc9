package in.pravesh.notification.application;

import in.pravesh.platform.SqlValues;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The people who write to us on WhatsApp: when they last wrote (inside 24 hours of that, WhatsApp
 * lets a business answer in free text; later only with an approved template), the language they
 * chose, and whether they opted out (STOP) of the messages we start, on any channel.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class WhatsAppContacts {

  /** WhatsApp's customer service window, less a margin for a message that waits in a queue. */
  static final Duration SESSION = Duration.ofHours(24).minusMinutes(15);

  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  /** What we know of a number that wrote to us. */
  public record Contact(String language, Instant lastInboundAt, boolean optedOut) {

    /** Whether a free-text message to it now falls inside WhatsApp's 24-hour window. */
    public boolean inSession(Instant now) {
      return lastInboundAt.plus(SESSION).isAfter(now);
    }
  }

  /** The number wrote to us now. */
  public void heardFrom(String phone) {
    em.createNativeQuery(
            "insert into whatsapp_contact (phone, last_inbound_at) values (?1, ?2)"
                + " on conflict (phone) do update set last_inbound_at = excluded.last_inbound_at")
        .setParameter(1, phone)
        .setParameter(2, Timestamp.from(clock.instant()))
        .executeUpdate();
  }

  /** The language the number chose ({@code en}, {@code hi}); after {@link #heardFrom}. */
  public void speaks(String phone, String language) {
    em.createNativeQuery("update whatsapp_contact set language = ?2 where phone = ?1")
        .setParameter(1, phone)
        .setParameter(2, language)
        .executeUpdate();
  }

  /** STOP: no broadcasts or reminders to this number until START; false when it had said so. */
  public boolean optOut(String phone) {
    return em.createNativeQuery(
                "update whatsapp_contact set opted_out_at = ?2 where phone = ?1"
                    + " and opted_out_at is null")
            .setParameter(1, phone)
            .setParameter(2, Timestamp.from(clock.instant()))
            .executeUpdate()
        == 1;
  }

  /** START: the number gets the messages we start again. */
  public void optIn(String phone) {
    em.createNativeQuery("update whatsapp_contact set opted_out_at = null where phone = ?1")
        .setParameter(1, phone)
        .executeUpdate();
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Optional<Contact> of(String phone) {
    List<?> rows =
        em.createNativeQuery(
                "select language, last_inbound_at, opted_out_at from whatsapp_contact"
                    + " where phone = ?1")
            .setParameter(1, phone)
            .getResultList();
    return rows.stream()
        .map(Object[].class::cast)
        .map(row -> new Contact((String) row[0], SqlValues.instant(row[1]), row[2] != null))
        .findFirst();
  }

  /** Whether the number opted out of the messages we start. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public boolean optedOut(String phone) {
    return of(phone).map(Contact::optedOut).orElse(false);
  }

  /** Erasure: the number is forgotten, in the caller's transaction. */
  public void forget(String phone) {
    em.createNativeQuery("delete from whatsapp_contact where phone = ?1")
        .setParameter(1, phone)
        .executeUpdate();
  }
}
