package in.pravesh.registration.application;

import java.time.LocalDate;
import java.util.List;

/**
 * A person withdrew consent and their personal data was erased: the contexts above registration
 * (entry keeps copies of ticket holders' names in its cache) erase theirs once it is committed.
 */
public record PersonErased(List<TicketDay> tickets) {

  /** A ticket of the person, and the day it is for. */
  public record TicketDay(String ticketId, LocalDate date) {}
}
