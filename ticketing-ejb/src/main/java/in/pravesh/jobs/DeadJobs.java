package in.pravesh.jobs;

import in.pravesh.audit.AuditLog;
import in.pravesh.platform.BusinessException;
import in.pravesh.platform.ProblemType;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Jobs that failed their last delivery and were parked in DeadJobs: listed for admins, and replayed
 * onto their original queue (taken from DeadJobs and sent back in one XA transaction, so a replay
 * neither loses nor duplicates a job). With the SQS bridge on, the jobs SQS moved to its
 * dead-letter queues are listed after them and replayed to their SQS queue.
 */
@Stateless
public class DeadJobs {

  private static final int LIMIT = 500;
  private static final Map<String, String> QUEUES =
      Map.of(
          "jms.queue.TicketJobs",
          JobQueues.TICKET_JOBS,
          "jms.queue.NotificationJobs",
          JobQueues.NOTIFICATION_JOBS);

  @Resource(lookup = "java:/ConnectionFactory")
  ConnectionFactory browsing;

  @Resource(lookup = "java:/JmsXA")
  ConnectionFactory transactional;

  @Resource(lookup = JobQueues.DEAD_JOBS)
  Queue deadJobs;

  @Resource(lookup = JobQueues.TICKET_JOBS)
  Queue ticketJobs;

  @Resource(lookup = JobQueues.NOTIFICATION_JOBS)
  Queue notificationJobs;

  @Inject AuditLog audit;
  @Inject SqsBridgeSettings bridge;
  @EJB SqsDeadLetterQueues sqsDeadLetters;

  public List<DeadJobView> list() {
    List<DeadJobView> jobs = new ArrayList<>();
    try (JMSContext context = browsing.createContext();
        QueueBrowser browser = context.createBrowser(deadJobs)) {
      Enumeration<?> messages = browser.getEnumeration();
      while (messages.hasMoreElements() && jobs.size() < LIMIT) {
        jobs.add(view((Message) messages.nextElement()));
      }
    } catch (JMSException e) {
      throw new IllegalStateException("Cannot browse the dead-letter queue", e);
    }
    if (bridge.enabled() && jobs.size() < LIMIT) {
      try {
        jobs.addAll(sqsDeadLetters.list(LIMIT - jobs.size()));
      } catch (EJBException e) {
        throw sqsUnreachable();
      }
    }
    return Collections.unmodifiableList(jobs);
  }

  /** Puts a dead job back on its original queue. */
  public void replay(String id, AuditLog.Actor actor) {
    if (!id.matches("[0-9a-fA-F-]{36}")) {
      throw BusinessException.notFound("Dead job");
    }
    if (bridge.enabled()) {
      Optional<String> queue;
      try {
        queue = sqsDeadLetters.replay(id);
      } catch (EJBException e) {
        throw sqsUnreachable();
      }
      if (queue.isPresent()) {
        audit.record(actor, "job.replayed", id, "to " + queue.get());
        return;
      }
    }
    try (JMSContext context = transactional.createContext();
        JMSConsumer consumer = context.createConsumer(deadJobs, "JMSMessageID = 'ID:" + id + "'")) {
      Message message = consumer.receive(2_000);
      if (message == null) {
        throw BusinessException.notFound("Dead job");
      }
      Queue target =
          "jms.queue.NotificationJobs".equals(originalAddress(message))
              ? notificationJobs
              : ticketJobs;
      JMSProducer producer = context.createProducer();
      for (String name : propertyNames(message)) {
        if (!name.startsWith("_AMQ") && !name.startsWith("JMSX")) {
          producer.setProperty(name, message.getObjectProperty(name));
        }
      }
      producer.send(target, message.getBody(String.class));
      audit.record(actor, "job.replayed", id, kindOf(message) + " to " + target.getQueueName());
    } catch (JMSException e) {
      throw new IllegalStateException("Cannot replay dead job " + id, e);
    }
  }

  /** A 503: not "no dead jobs" while SQS's dead-letter queues cannot be read. */
  private static BusinessException sqsUnreachable() {
    return new BusinessException(
        ProblemType.TRY_AGAIN,
        "SQS cannot be reached just now, so its dead-letter queues cannot be read: try again in a"
            + " minute");
  }

  private static DeadJobView view(Message message) throws JMSException {
    String original = originalAddress(message);
    return new DeadJobView(
        message.getJMSMessageID().replaceFirst("^ID:", ""),
        kindOf(message),
        original == null ? null : QUEUES.getOrDefault(original, original),
        message.getBody(String.class),
        message.propertyExists("JMSXDeliveryCount")
            ? message.getIntProperty("JMSXDeliveryCount")
            : 0,
        Instant.ofEpochMilli(message.getJMSTimestamp()).atOffset(ZoneOffset.UTC));
  }

  private static String kindOf(Message message) throws JMSException {
    return message.getStringProperty("kind");
  }

  private static String originalAddress(Message message) throws JMSException {
    if (message.propertyExists("_AMQ_ORIG_ADDRESS")) {
      return String.valueOf(message.getObjectProperty("_AMQ_ORIG_ADDRESS"));
    }
    // Parked by the SQS bridge's relay (SQS refused it for good): its job queue says which.
    String jobQueue = message.getStringProperty(JobSender.JOB_QUEUE);
    if (jobQueue == null) {
      return null;
    }
    return JobRelay.NOTIFICATIONS.equals(jobQueue)
        ? "jms.queue.NotificationJobs"
        : "jms.queue.TicketJobs";
  }

  private static List<String> propertyNames(Message message) throws JMSException {
    List<String> names = new ArrayList<>();
    Enumeration<?> all = message.getPropertyNames();
    while (all.hasMoreElements()) {
      names.add((String) all.nextElement());
    }
    return names;
  }
}
