package in.pravesh.jobs;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * {@code ticket.issue} jobs: makes the registration's ticket; {@code whatsapp.register} jobs: makes
 * the registration a WhatsApp conversation confirmed. A failure rolls the delivery back, so the
 * broker redelivers with back-off and, after the last attempt, parks the job in DeadJobs.
 *
 * <p>No two-phase commit with the broker: each job's work commits in a local transaction of its own
 * (its follow-up jobs go through the outbox, in that transaction), and the delivery is acknowledged
 * after it. Both handlers are idempotent (a ticket or a submission made once is found made), so a
 * job delivered again after a crash between the commit and the acknowledgement does nothing more. A
 * two-phase commit per job (PostgreSQL's PREPARE TRANSACTION and COMMIT PREPARED, the broker's and
 * the transaction log's writes) cost more than the ticket itself.
 */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "destinationLookup",
          propertyValue = JobQueues.TICKET_JOBS),
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Queue"),
      @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "8")
    })
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TicketJobListener implements MessageListener {

  @Inject JobHandlers handlers;

  @Override
  public void onMessage(Message message) {
    try {
      handlers.run(JmsJobs.read(JobRelay.TICKETS, message));
    } catch (JMSException e) {
      throw new IllegalStateException("Unreadable ticket job", e);
    }
  }
}
