package in.pravesh.notification.application;

import in.pravesh.notification.domain.Message;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The messages that development mode kept instead of sending: what a developer (or a test) reads to
 * log in by OTP and to follow ticket links.
 */
@Stateless
public class DevOutbox {

  /** The provider name of messages that the outbox delivered. */
  public static final String PROVIDER = "outbox";

  private static final int LIMIT = 100;

  @PersistenceContext EntityManager em;

  /** The newest messages first, for one recipient or for everyone. */
  public List<OutboxEntry> newestFirst(String recipient) {
    var query =
        em.createQuery(
                "select m from Message m where m.provider = :provider"
                    + (recipient == null ? "" : " and m.recipient = :recipient")
                    + " order by m.createdAt desc",
                Message.class)
            .setParameter("provider", PROVIDER)
            .setMaxResults(LIMIT);
    if (recipient != null) {
      query.setParameter("recipient", recipient);
    }
    return query
        .getResultStream()
        .map(
            m ->
                new OutboxEntry(
                    m.recipient(),
                    m.channel(),
                    m.body(),
                    m.mediaUrl(),
                    m.createdAt().atOffset(ZoneOffset.UTC)))
        .toList();
  }
}
