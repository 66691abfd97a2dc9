/** Today's date (YYYY-MM-DD) in an event's time zone, never the device's. */
export function dateIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

/** A moment's hours and minutes (and seconds) in an event's time zone. */
export function timeIn(timeZone: string, at: Date, seconds = false): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    ...(seconds ? { second: "2-digit" } : {}),
  }).format(at);
}
