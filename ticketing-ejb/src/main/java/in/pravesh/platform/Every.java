package in.pravesh.platform;

import jakarta.ejb.ScheduleExpression;
import java.time.Duration;

/** Schedules for programmatic EJB timers whose period comes from configuration. */
public final class Every {

  private Every() {}

  /** A schedule that fires every {@code period} (at least a second; at most once an hour). */
  public static ScheduleExpression period(Duration period) {
    long seconds = Math.max(1, Math.min(3600, period.toSeconds()));
    ScheduleExpression schedule = new ScheduleExpression().hour("*");
    if (seconds >= 60) {
      return schedule.minute("*/" + Math.max(1, seconds / 60)).second("0");
    }
    return schedule.minute("*").second("*/" + seconds);
  }
}
