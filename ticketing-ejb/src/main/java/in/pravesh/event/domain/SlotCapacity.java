package in.pravesh.event.domain;

import java.util.Optional;

/**
 * The seats of one slot, in two pools: the online pool ({@code capacity - walkInReserve}) sold on
 * the web and WhatsApp, and the walk-in reserve kept for the volunteer desks. Walk-ins take the
 * reserve first, then online seats. The same bounds are CHECK constraints of the slot table, so the
 * database refuses an overbooking even if a caller skips these rules.
 */
public record SlotCapacity(int capacity, int walkInReserve, int onlineTaken, int reserveTaken) {

  public SlotCapacity {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative");
    }
    if (walkInReserve < 0 || walkInReserve > capacity) {
      throw new IllegalArgumentException("walkInReserve must be between 0 and capacity");
    }
    if (onlineTaken < 0 || onlineTaken > capacity - walkInReserve) {
      throw new IllegalArgumentException("onlineTaken outside the online pool");
    }
    if (reserveTaken < 0 || reserveTaken > walkInReserve) {
      throw new IllegalArgumentException("reserveTaken outside the walk-in reserve");
    }
  }

  public static SlotCapacity empty(int capacity, int walkInReserve) {
    return new SlotCapacity(capacity, walkInReserve, 0, 0);
  }

  /** Seats sold online: the capacity less the walk-in reserve. */
  public int onSale() {
    return capacity - walkInReserve;
  }

  /** Online seats not yet taken: what the public API shows as {@code remaining}. */
  public int remaining() {
    return onSale() - onlineTaken;
  }

  /** Seats a volunteer desk can still give: what is left of the reserve and of the online pool. */
  public int remainingForWalkIns() {
    return walkInReserve - reserveTaken + remaining();
  }

  /** An online booking of {@code seats}, or empty when they do not fit. */
  public Optional<SlotCapacity> takeOnline(int seats) {
    requirePositive(seats);
    if (seats > remaining()) {
      return Optional.empty();
    }
    return Optional.of(
        new SlotCapacity(capacity, walkInReserve, onlineTaken + seats, reserveTaken));
  }

  /**
   * A walk-in booking of {@code seats}: reserve first, then online seats; empty if they do not fit.
   */
  public Optional<WalkInSeats> takeWalkIn(int seats) {
    requirePositive(seats);
    if (seats > remainingForWalkIns()) {
      return Optional.empty();
    }
    int fromReserve = Math.min(seats, walkInReserve - reserveTaken);
    return Optional.of(new WalkInSeats(fromReserve, seats - fromReserve));
  }

  /** After a walk-in booking's seats are taken from their pools. */
  public SlotCapacity after(WalkInSeats seats) {
    return new SlotCapacity(
        capacity,
        walkInReserve,
        onlineTaken + seats.fromOnline(),
        reserveTaken + seats.fromReserve());
  }

  /** Seats taken in both pools. */
  public int taken() {
    return onlineTaken + reserveTaken;
  }

  /**
   * The same seats taken, with a new capacity and reserve; empty when a pool would no longer hold
   * the seats already taken from it. Numbers that are not a slot's at all (negative, a reserve
   * above the capacity) are an {@link IllegalArgumentException}.
   */
  public Optional<SlotCapacity> resized(int newCapacity, int newWalkInReserve) {
    SlotCapacity.empty(newCapacity, newWalkInReserve); // validates the numbers
    if (onlineTaken > newCapacity - newWalkInReserve || reserveTaken > newWalkInReserve) {
      return Optional.empty();
    }
    return Optional.of(new SlotCapacity(newCapacity, newWalkInReserve, onlineTaken, reserveTaken));
  }

  /** Gives seats back (a cancellation), to the pools they were taken from. */
  public SlotCapacity release(int fromOnline, int fromReserve) {
    return new SlotCapacity(
        capacity, walkInReserve, onlineTaken - fromOnline, reserveTaken - fromReserve);
  }

  private static void requirePositive(int seats) {
    if (seats <= 0) {
      throw new IllegalArgumentException("seats must be positive");
    }
  }

  /** How a walk-in's seats split between the reserve and the online pool. */
  public record WalkInSeats(int fromReserve, int fromOnline) {}
}
