package in.pravesh.jobs;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.HashMap;
import java.util.Map;

/** Reads a job from its JMS message. */
final class JmsJobs {

  private JmsJobs() {}

  static Job read(String queue, Message message) throws JMSException {
    Map<String, String> properties = new HashMap<>();
    for (String name : Job.PROPERTIES) {
      String value = message.getStringProperty(name);
      if (value != null) {
        properties.put(name, value);
      }
    }
    String id = message.getStringProperty(JobSender.JOB_ID);
    return new Job(
        queue,
        id != null ? id : message.getJMSMessageID(),
        message.getBody(String.class),
        properties);
  }
}
