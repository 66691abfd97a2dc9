package in.pravesh.notification.application;

/** The provider could not take a message now (outage, timeout, 5xx, 429): try again later. */
public class ProviderUnavailableException extends RuntimeException {
  public ProviderUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
