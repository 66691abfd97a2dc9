package in.pravesh.event.application;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * A slot as an admin writes it (api.md, Admin): local hours on its date. A null {@code
 * walkInReserve} is not given: none for a new slot, unchanged for an edit.
 */
public record SlotForm(
    LocalDate date, LocalTime startsAt, LocalTime endsAt, int capacity, Integer walkInReserve) {}
