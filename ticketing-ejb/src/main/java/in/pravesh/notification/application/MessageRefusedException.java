package in.pravesh.notification.application;

/** The provider refused the message for good (invalid number, not a WhatsApp user, ...). */
public class MessageRefusedException extends RuntimeException {
  public MessageRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
