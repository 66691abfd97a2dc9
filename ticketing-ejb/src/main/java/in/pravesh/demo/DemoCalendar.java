package in.pravesh.demo;

import java.time.LocalDate;

/** The demo event's calendar rule: it always covers today and the two days after. */
public final class DemoCalendar {

  /** Days the demo covers, today included. */
  public static final int DAYS = 3;

  private DemoCalendar() {}

  /** The last day the demo must cover when it is {@code today}. */
  public static LocalDate lastDay(LocalDate today) {
    return today.plusDays(DAYS - 1L);
  }
}
