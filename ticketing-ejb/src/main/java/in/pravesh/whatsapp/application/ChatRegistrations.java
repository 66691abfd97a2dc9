package in.pravesh.whatsapp.application;

import in.pravesh.jobs.JobSender;
import in.pravesh.notification.application.MessageSender;
import in.pravesh.notification.application.OutgoingMessage;
import in.pravesh.platform.BusinessException;
import in.pravesh.platform.ProblemType;
import in.pravesh.whatsapp.domain.Submission;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code whatsapp.register} job: the registration a conversation confirmed, made with the web's
 * rules ({@link ChatSubmissions}, in a transaction of its own). A registration refused (the slot
 * filled up meanwhile, the number has one, registration closed) is recorded in the job's
 * transaction with a {@code whatsapp.reply} job that tells the person, once, in their language.
 */
@Stateless
public class ChatRegistrations {

  @PersistenceContext EntityManager em;
  @Inject ChatSubmissions submissions;
  @Inject JobSender jobs;
  @Inject MessageSender sender;

  public void complete(UUID submissionId) {
    try {
      submissions.register(submissionId);
    } catch (BusinessException refused) {
      // The registration's own transaction has rolled back; this one records why.
      Submission submission =
          em.find(Submission.class, submissionId, LockModeType.PESSIMISTIC_WRITE);
      if (submission != null && submission.pending()) {
        submission.refuse(refused.type().name());
        jobs.whatsappReply(submissionId);
      }
    }
  }

  /**
   * The {@code whatsapp.reply} job: the refusal as a chat message (free text: the person wrote a
   * moment ago), sent once per job outside any transaction, like every message.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public void tellRefusal(UUID submissionId, String jobId) {
    Submission submission = em.find(Submission.class, submissionId);
    if (submission == null || submission.state() != Submission.State.REFUSED) {
      return;
    }
    String text = ChatTexts.say(submission.language(), refusalKey(submission.refusal()), Map.of());
    sender.send(
        OutgoingMessage.text("chat", OutgoingMessage.Channel.WHATSAPP, submission.phone(), text),
        null,
        jobId);
  }

  /** The words for a refusal, by its problem type. */
  static String refusalKey(Optional<String> problemType) {
    ProblemType type;
    try {
      type = ProblemType.valueOf(problemType.orElse(""));
    } catch (IllegalArgumentException e) {
      return "refused.other";
    }
    return switch (type) {
      case SLOT_FULL -> "refused.slot-full";
      case ALREADY_REGISTERED -> "refused.already-registered";
      case REGISTRATION_CLOSED -> "refused.registration-closed";
      default -> "refused.other";
    };
  }
}
