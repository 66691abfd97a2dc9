package in.pravesh.notification.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Hourly budgets of messages, cluster-wide (a row per budget and hour, taken by one conditional
 * statement): login codes, which anyone can ask for, cannot use up what tickets need, and tickets
 * cannot use up what broadcasts need. A message over its budget is not sent now (a ticket waits for
 * the next hour; a login code is refused).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class MessageBudgets {

  /** The budgets, by the kinds of message they pay for. */
  public enum Budget {
    LOGIN,
    TICKET,
    BROADCAST;

    public static Budget of(String kind) {
      return switch (kind) {
        case "otp" -> LOGIN;
        // A chat's answer that could not go with the webhook's reply (a registration refused).
        case "ticket", "chat" -> TICKET;
        default -> BROADCAST;
      };
    }

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @PersistenceContext EntityManager em;

  @Inject
  @ConfigProperty(name = "ticketing.messages.login-per-hour", defaultValue = "3000")
  int loginPerHour;

  @Inject
  @ConfigProperty(name = "ticketing.messages.tickets-per-hour", defaultValue = "5000")
  int ticketsPerHour;

  @Inject
  @ConfigProperty(name = "ticketing.messages.broadcasts-per-hour", defaultValue = "5000")
  int broadcastsPerHour;

  /** Takes one message from the budget of this hour; false when it is used up. */
  public boolean take(Budget budget, Instant now) {
    return !em.createNativeQuery(
            "insert into message_budget (budget, hour, used) values (?1, ?2, 1)"
                + " on conflict (budget, hour) do update set used = message_budget.used + 1"
                + " where message_budget.used < ?3 returning used")
        .setParameter(1, budget.key())
        .setParameter(2, Timestamp.from(hour(now)))
        .setParameter(3, caps().get(budget))
        .getResultList()
        .isEmpty();
  }

  /** The start of the next hour, when a budget is full again. */
  public static Instant nextHour(Instant now) {
    return hour(now).plus(1, ChronoUnit.HOURS);
  }

  private static Instant hour(Instant now) {
    return now.truncatedTo(ChronoUnit.HOURS);
  }

  private Map<Budget, Integer> caps() {
    return Map.of(
        Budget.LOGIN,
        loginPerHour,
        Budget.TICKET,
        ticketsPerHour,
        Budget.BROADCAST,
        broadcastsPerHour);
  }
}
