import { describe, expect, it } from "vitest";
import { dateIn, timeIn } from "./dates";

describe("dates in the event's zone", () => {
  it("uses the event's zone, not the device's", () => {
    const lateUtc = new Date("2026-12-01T20:00:00Z"); // 01:30 on 2 December in India
    expect(dateIn("Asia/Kolkata", lateUtc)).toBe("2026-12-02");
    expect(dateIn("Europe/London", lateUtc)).toBe("2026-12-01");
    expect(timeIn("Asia/Kolkata", lateUtc)).toBe("01:30");
  });
});
