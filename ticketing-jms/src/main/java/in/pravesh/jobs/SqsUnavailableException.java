package in.pravesh.jobs;

/** A call to SQS failed or was refused; the caller backs off and tries again. */
public class SqsUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  SqsUnavailableException(String message) {
    super(message);
  }

  SqsUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
