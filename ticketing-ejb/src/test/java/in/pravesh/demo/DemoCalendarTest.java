package in.pravesh.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DemoCalendarTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 28);

  @Test
  void aDemoThatStartsTodayStaysPut() {
    assertThat(DemoCalendar.daysToRoll(TODAY, TODAY)).isZero();
  }

  @Test
  void aDemoSeededWeeksAgoRollsForwardToStartToday() {
    assertThat(DemoCalendar.daysToRoll(TODAY.minusDays(40), TODAY)).isEqualTo(40);
  }

  @Test
  void aDemoAcrossAYearEndRollsByCalendarDays() {
    assertThat(DemoCalendar.daysToRoll(LocalDate.of(2026, 12, 30), LocalDate.of(2027, 1, 2)))
        .isEqualTo(3);
  }

  @Test
  void aDemoThatStartsInTheFutureIsNeverMovedBack() {
    assertThat(DemoCalendar.daysToRoll(TODAY.plusDays(1), TODAY)).isZero();
  }
}
