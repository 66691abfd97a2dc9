package in.pravesh.ticket.application;

/**
 * Whether a ticket got in at a gate. Declared here and implemented by {@code entry}, which owns the
 * admissions and sits above ticket.
 */
public interface Admissions {

  boolean admitted(String ticketId);
}
