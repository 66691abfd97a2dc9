package in.pravesh.event.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SlotCapacityTest {

  @Test
  void onlineSeatsAreTheCapacityLessTheWalkInReserve() {
    SlotCapacity seats = SlotCapacity.empty(5_000, 500);

    assertThat(seats.onSale()).isEqualTo(4_500);
    assertThat(seats.remaining()).isEqualTo(4_500);
    assertThat(seats.remainingForWalkIns()).isEqualTo(5_000);
  }

  @Test
  void anOnlineBookingTakesOnlineSeatsUpToTheLastOne() {
    SlotCapacity seats = SlotCapacity.empty(10, 2);

    SlotCapacity afterSix = seats.takeOnline(6).orElseThrow();
    SlotCapacity full = afterSix.takeOnline(2).orElseThrow();

    assertThat(afterSix.remaining()).isEqualTo(2);
    assertThat(full.remaining()).isZero();
    assertThat(full.takeOnline(1)).isEmpty();
  }

  @Test
  void anOnlineBookingLargerThanWhatIsLeftIsRefusedWithoutTakingAnything() {
    SlotCapacity seats = SlotCapacity.empty(10, 2).takeOnline(5).orElseThrow();

    assertThat(seats.takeOnline(4)).isEmpty();
    assertThat(seats.remaining()).isEqualTo(3);
  }

  @Test
  void onlineBookingsNeverTouchTheWalkInReserve() {
    SlotCapacity seats = SlotCapacity.empty(10, 4).takeOnline(6).orElseThrow();

    assertThat(seats.takeOnline(1)).isEmpty();
    assertThat(seats.remainingForWalkIns()).isEqualTo(4);
  }

  @Test
  void walkInsTakeTheReserveFirstThenOnlineSeats() {
    SlotCapacity seats = SlotCapacity.empty(10, 3);

    assertThat(seats.takeWalkIn(2).orElseThrow()).isEqualTo(new SlotCapacity.WalkInSeats(2, 0));
    assertThat(seats.takeWalkIn(5).orElseThrow()).isEqualTo(new SlotCapacity.WalkInSeats(3, 2));
    assertThat(seats.takeWalkIn(11)).isEmpty();
  }

  @Test
  void aWalkInThatNeedsOnlineSeatsReducesWhatIsLeftOnline() {
    SlotCapacity seats = SlotCapacity.empty(10, 3);
    SlotCapacity.WalkInSeats split = seats.takeWalkIn(5).orElseThrow();

    SlotCapacity after = new SlotCapacity(10, 3, split.fromOnline(), split.fromReserve());

    assertThat(after.remaining()).isEqualTo(5);
    assertThat(after.remainingForWalkIns()).isEqualTo(5);
  }

  @Test
  void cancellingGivesTheSeatsBackToTheirPools() {
    SlotCapacity booked = new SlotCapacity(10, 3, 7, 3);

    SlotCapacity released = booked.release(2, 1);

    assertThat(released.remaining()).isEqualTo(2);
    assertThat(released.remainingForWalkIns()).isEqualTo(3);
  }

  @Test
  void impossibleNumbersAreRejected() {
    assertThatThrownBy(() -> SlotCapacity.empty(-1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SlotCapacity.empty(10, 11))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SlotCapacity(10, 2, 9, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SlotCapacity(10, 2, 0, 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SlotCapacity(10, 2, 3, 0).release(4, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SlotCapacity.empty(10, 0).takeOnline(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSlotGrowsOrShrinksOnlyAsFarAsItsPoolsStillHoldWhatIsTaken() {
    SlotCapacity booked = new SlotCapacity(20, 5, 3, 5);

    assertThat(booked.resized(8, 5)).contains(new SlotCapacity(8, 5, 3, 5));
    assertThat(booked.resized(40, 10)).contains(new SlotCapacity(40, 10, 3, 5));
    assertThat(booked.resized(7, 5)).as("online pool below 3 taken").isEmpty();
    assertThat(booked.resized(20, 4)).as("reserve below 5 taken").isEmpty();
    assertThat(booked.taken()).isEqualTo(8);
    assertThatThrownBy(() -> booked.resized(10, 11)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aWalkInsSeatsComeFromTheReserveThenTheOnlinePool() {
    SlotCapacity slot = SlotCapacity.empty(20, 5);
    SlotCapacity.WalkInSeats seats = slot.takeWalkIn(8).orElseThrow();

    assertThat(seats).isEqualTo(new SlotCapacity.WalkInSeats(5, 3));
    assertThat(slot.after(seats)).isEqualTo(new SlotCapacity(20, 5, 3, 5));
    assertThat(slot.after(seats).takeWalkIn(13)).isEmpty();
  }
}
