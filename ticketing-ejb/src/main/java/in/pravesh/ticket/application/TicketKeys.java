package in.pravesh.ticket.application;

import in.pravesh.event.domain.Event;
import in.pravesh.platform.AfterCommit;
import in.pravesh.platform.BusinessException;
import in.pravesh.platform.CatalogChanges;
import in.pravesh.platform.SqlValues;
import in.pravesh.ticket.domain.TicketKeyMaterial;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Each event's Ed25519 ticket keys. The newest key that is not retired signs; every key verifies
 * until its {@code validTo} (the day after the last ticket it signed), so a rotation never
 * invalidates tickets already sent. Public keys are immutable and cached.
 */
@Stateless
public class TicketKeys {

  private static final Map<String, PublicKey> PUBLIC_KEYS = new ConcurrentHashMap<>();
  private static final Map<UUID, SigningKey> SIGNING_KEYS = new ConcurrentHashMap<>();
  private static final SecureRandom RANDOM = new SecureRandom();
  // Guarded by PUBLIC_KEYS.
  private static long lastReload;

  @Inject AfterCommit afterCommit;
  @Inject CatalogChanges catalog;
  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "ticketing.ticket-key-secret", defaultValue = "dev-ticket-key-secret")
  String secret;

  private TicketKeyMaterial material;

  @PostConstruct
  void init() {
    material = new TicketKeyMaterial(secret);
  }

  /**
   * The key that signs this event's new tickets, made at the first ticket. Kept in memory for a
   * minute (a rotation takes effect within it); only making the first key takes a lock.
   */
  public SigningKey signingKey(UUID eventId) {
    SigningKey cached = SIGNING_KEYS.get(eventId);
    if (cached != null && cached.loadedAt() > clock.millis() - 60_000) {
      return cached;
    }
    Optional<SigningKey> current = currentKey(eventId);
    if (current.isEmpty()) {
      em.createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))")
          .setParameter(1, "ticket-key:" + eventId)
          .getSingleResult();
      current = currentKey(eventId);
    }
    if (current.isPresent()) {
      SIGNING_KEYS.put(eventId, current.get());
      return current.get();
    }
    KeyPair pair = TicketKeyMaterial.generate();
    SigningKey key = insert(eventId, pair);
    // Remembered only once the key is committed: a key of a transaction that rolls back must
    // never sign (its tickets would fail their foreign key) nor verify.
    afterCommit.run(
        () -> {
          PUBLIC_KEYS.put(key.kid(), pair.getPublic());
          SIGNING_KEYS.put(eventId, key);
        });
    return key;
  }

  private Optional<SigningKey> currentKey(UUID eventId) {
    List<?> rows =
        em.createNativeQuery(
                "select kid, private_key_encrypted from ticket_key where event_id = ?1"
                    + " and retired_at is null order by valid_from desc limit 1")
            .setParameter(1, eventId)
            .getResultList();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Object[] row = (Object[]) rows.get(0);
    return Optional.of(
        new SigningKey((String) row[0], material.decrypt((byte[]) row[1]), clock.millis()));
  }

  private SigningKey insert(UUID eventId, KeyPair pair) {
    String kid = newKid();
    em.createNativeQuery(
            "insert into ticket_key (kid, event_id, public_key, private_key_encrypted, valid_from)"
                + " values (?1, ?2, ?3, ?4, ?5)")
        .setParameter(1, kid)
        .setParameter(2, eventId)
        .setParameter(3, TicketKeyMaterial.rawPublicKey(pair.getPublic()))
        .setParameter(4, material.encrypt(pair.getPrivate()))
        .setParameter(5, Timestamp.from(clock.instant()))
        .executeUpdate();
    catalog.changed(); // a key to publish
    return new SigningKey(kid, pair.getPrivate(), clock.millis());
  }

  /** A key id: 4 characters, not yet used (short, to keep tokens short). */
  private String newKid() {
    String alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
    while (true) {
      StringBuilder kid = new StringBuilder(4);
      for (int i = 0; i < 4; i++) {
        kid.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
      }
      boolean taken =
          !em.createNativeQuery("select 1 from ticket_key where kid = ?1")
              .setParameter(1, kid.toString())
              .getResultList()
              .isEmpty();
      if (!taken) {
        return kid.toString();
      }
    }
  }

  /**
   * The public key of a key id, if it exists. Scans call this for every token, forged ones too: a
   * key id not in memory reloads all public keys, at most once a second on this node, so a stream
   * of made-up key ids costs no more than one small query a second.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS) // mostly a memory read, on every scan
  public Optional<PublicKey> publicKey(String kid) {
    PublicKey cached = PUBLIC_KEYS.get(kid);
    if (cached != null) {
      return Optional.of(cached);
    }
    long missedAt = System.currentTimeMillis();
    synchronized (PUBLIC_KEYS) {
      cached = PUBLIC_KEYS.get(kid);
      if (cached != null || missedAt - lastReload < 1_000) {
        // Found by a reload we waited for; or a reload after our miss did not find it either; or
        // the last reload is too recent to ask again.
        return Optional.ofNullable(cached);
      }
      lastReload = System.currentTimeMillis();
      List<?> rows = em.createNativeQuery("select kid, public_key from ticket_key").getResultList();
      for (Object row : rows) {
        Object[] columns = (Object[]) row;
        PUBLIC_KEYS.computeIfAbsent(
            (String) columns[0], k -> TicketKeyMaterial.publicKey((byte[]) columns[1]));
      }
      return Optional.ofNullable(PUBLIC_KEYS.get(kid));
    }
  }

  /**
   * Every key that verifies this event's tickets now (api.md: GET /api/events/{slug}/ticket-key).
   */
  public List<TicketKeyView> published(String slug) {
    Event event =
        em.createQuery("select e from Event e where e.slug = :slug", Event.class)
            .setParameter("slug", slug)
            .getResultStream()
            .findFirst()
            .orElseThrow(() -> BusinessException.notFound("Event '" + slug + "'"));
    List<?> rows =
        em.createNativeQuery(
                "select kid, public_key, valid_from, valid_to from ticket_key where event_id = ?1"
                    + " and (valid_to is null or valid_to > now()) order by valid_from")
            .setParameter(1, event.id())
            .getResultList();
    return rows.stream()
        .map(r -> (Object[]) r)
        .map(
            r ->
                new TicketKeyView(
                    (String) r[0],
                    "Ed25519",
                    Base64.getEncoder().encodeToString((byte[]) r[1]),
                    SqlValues.instant(r[2]).atOffset(ZoneOffset.UTC),
                    r[3] == null ? null : SqlValues.instant(r[3]).atOffset(ZoneOffset.UTC)))
        .toList();
  }

  /**
   * Starts a new signing key for the event: the current one stops signing at once (on every node
   * within a minute, the signing key cache's life) but keeps verifying until the day after the last
   * ticket date it signed, in the event's time zone.
   *
   * @return the retired key's id, if there was one
   */
  public Optional<String> rotate(UUID eventId) {
    Event event = em.find(Event.class, eventId);
    if (event == null) {
      throw BusinessException.notFound("Event");
    }
    @SuppressWarnings("unchecked")
    List<String> retired =
        em.createNativeQuery(
                "update ticket_key k set retired_at = now(), valid_to = coalesce("
                    + " (select max(t.ticket_date) + 2 from ticket t where t.kid = k.kid),"
                    + " cast(?2 as date) + 2)::timestamp at time zone ?3"
                    + " where k.event_id = ?1 and k.retired_at is null returning k.kid")
            .setParameter(1, eventId)
            .setParameter(2, event.endsOn())
            .setParameter(3, event.zone().getId())
            .getResultList();
    SIGNING_KEYS.remove(eventId);
    catalog.changed(); // the retired key's validTo
    // Again after the commit: a ticket made meanwhile may have remembered the retired key.
    afterCommit.run(() -> SIGNING_KEYS.remove(eventId));
    return retired.stream().findFirst();
  }

  /** A key that signs, by its id. */
  public record SigningKey(String kid, PrivateKey privateKey, long loadedAt) {}
}
