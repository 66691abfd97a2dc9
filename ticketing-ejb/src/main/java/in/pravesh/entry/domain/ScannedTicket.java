package in.pravesh.entry.domain;

import java.time.LocalDate;

/** The ticket a scan identified, with the name so that the volunteer can check the person. */
public record ScannedTicket(String id, String code, String name, int partySize, LocalDate date) {}
