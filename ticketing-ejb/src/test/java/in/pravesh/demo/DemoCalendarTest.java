package in.pravesh.demo;

import static org.assertj.core.api.Assertions.assertThat;

import in.pravesh.event.domain.Event;
import in.pravesh.event.domain.Slot;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DemoCalendarTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 28);

  @Test
  void theDemoCoversTodayAndTheTwoDaysAfterAcrossAYearEnd() {
    assertThat(DemoCalendar.lastDay(TODAY)).isEqualTo(TODAY.plusDays(2));
    assertThat(DemoCalendar.lastDay(LocalDate.of(2026, 12, 31)))
        .isEqualTo(LocalDate.of(2027, 1, 2));
  }

  @Test
  void extendingADemoSeededWeeksAgoKeepsItsSlotsOnTheirDates() {
    LocalDate seeded = TODAY.minusDays(40);
    Event event =
        new Event("demo", "Demo", "Venue", ZoneId.of("Asia/Kolkata"), seeded, seeded.plusDays(2));
    Slot old = new Slot(event, seeded, LocalTime.of(10, 0), LocalTime.of(20, 0), 10, 2);

    event.extendTo(DemoCalendar.lastDay(TODAY));

    assertThat(event.endsOn()).isEqualTo(TODAY.plusDays(2));
    assertThat(event.startsOn()).isEqualTo(seeded);
    assertThat(old.date()).isEqualTo(seeded);
    assertThat(event.covers(TODAY)).isTrue();
  }

  @Test
  void anEventIsNeverShortenedByExtending() {
    Event event =
        new Event("demo", "Demo", "Venue", ZoneId.of("Asia/Kolkata"), TODAY, TODAY.plusDays(9));
    event.extendTo(DemoCalendar.lastDay(TODAY));
    assertThat(event.endsOn()).isEqualTo(TODAY.plusDays(9));
  }
}
