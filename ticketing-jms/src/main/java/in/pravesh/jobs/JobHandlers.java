package in.pravesh.jobs;

import in.pravesh.registration.application.BroadcastDelivery;
import in.pravesh.ticket.application.TicketDelivery;
import in.pravesh.ticket.application.TicketIssuer;
import in.pravesh.whatsapp.application.ChatRegistrations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Runs a job in the handler of its kind: the same handlers whether the job came from Artemis (the
 * message-driven beans) or from SQS (the bridge). Every handler is idempotent, deduplicating on the
 * job's subject or its id, so a job delivered twice acts once. Each commits its own work before it
 * returns; an exception means nothing was committed, and the job should be delivered again.
 */
@ApplicationScoped
public class JobHandlers {

  @Inject TicketIssuer issuer;
  @Inject TicketDelivery delivery;
  @Inject BroadcastDelivery broadcasts;
  @Inject ChatRegistrations chats;

  public void run(Job job) {
    UUID subject = UUID.fromString(job.body());
    String kind = job.kind();
    if (JobRelay.TICKETS.equals(job.queue())) {
      if ("whatsapp.register".equals(kind)) {
        chats.complete(subject);
      } else {
        issuer.issue(subject);
      }
    } else if ("whatsapp.reply".equals(kind)) {
      chats.tellRefusal(subject, job.id());
    } else if ("broadcast".equals(kind)) {
      broadcasts.deliver(
          UUID.fromString(job.properties().get("broadcastId")),
          subject,
          job.properties().get("channel"),
          job.id());
    } else {
      delivery.deliver(subject, job.properties().get("channel"), job.id());
    }
  }
}
