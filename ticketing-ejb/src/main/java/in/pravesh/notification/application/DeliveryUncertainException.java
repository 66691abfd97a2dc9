package in.pravesh.notification.application;

/**
 * The provider may or may not have taken the message (the connection broke after the request was
 * sent): sending it again could send it twice, so it is never retried blindly.
 */
public class DeliveryUncertainException extends RuntimeException {
  public DeliveryUncertainException(String message, Throwable cause) {
    super(message, cause);
  }
}
