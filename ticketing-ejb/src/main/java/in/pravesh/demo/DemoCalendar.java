package in.pravesh.demo;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** The demo event's calendar rule: it always covers today and the two days after. */
public final class DemoCalendar {

  /** Days the demo covers, today included. */
  public static final int DAYS = 3;

  private DemoCalendar() {}

  /**
   * How many days to move a demo event that starts on {@code startsOn} so that it starts today:
   * forward only, never back (a demo seeded "tomorrow" by a clock in another zone stays put).
   */
  public static long daysToRoll(LocalDate startsOn, LocalDate today) {
    return Math.max(0, ChronoUnit.DAYS.between(startsOn, today));
  }
}
