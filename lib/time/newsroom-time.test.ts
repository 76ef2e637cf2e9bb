import { describe, expect, it } from "vitest";
import { formatDateline, isValidTimeZone, parseDateTimeLocal, toDateTimeLocalValue } from "./newsroom-time";

const DAMASCUS = "Asia/Damascus";
const LONDON = "Europe/London";
const NEW_YORK = "America/New_York";

function parsedIso(value: string, timeZone: string): string {
  const result = parseDateTimeLocal(value, timeZone);
  if (!result.ok) throw new Error(`expected ${value} in ${timeZone} to parse, got: ${result.reason}`);
  return result.date.toISOString();
}

function refusal(value: string, timeZone: string): string {
  const result = parseDateTimeLocal(value, timeZone);
  if (result.ok) throw new Error(`expected ${value} in ${timeZone} to be refused, got ${result.date.toISOString()}`);
  return result.reason;
}

describe("formatDateline", () => {
  it("formats the sample dateline (Damascus, UTC+2 in December 2016)", () => {
    expect(formatDateline(new Date("2016-12-01T16:10:00Z"), DAMASCUS)).toBe("Thursday, 01 December 2016 18:10");
  });

  it("has no 'at' and no comma before the time, whatever the locale pattern says", () => {
    expect(formatDateline(new Date("2016-12-01T16:10:00Z"), DAMASCUS, "en-US")).toBe(
      "Thursday, 01 December 2016 18:10",
    );
  });

  it("uses 24-hour time with midnight as 00", () => {
    expect(formatDateline(new Date("2024-01-01T00:05:00Z"), "UTC")).toBe("Monday, 01 January 2024 00:05");
    expect(formatDateline(new Date("2024-01-01T23:59:59Z"), "UTC")).toBe("Monday, 01 January 2024 23:59");
  });

  it("follows summer time in the newsroom zone", () => {
    expect(formatDateline(new Date("2024-07-04T12:00:00Z"), LONDON)).toBe("Thursday, 04 July 2024 13:00");
    expect(formatDateline(new Date("2024-12-04T12:00:00Z"), LONDON)).toBe("Wednesday, 04 December 2024 12:00");
    expect(formatDateline(new Date("2024-07-04T12:00:00Z"), NEW_YORK)).toBe("Thursday, 04 July 2024 08:00");
  });

  it("can change the calendar day", () => {
    expect(formatDateline(new Date("2016-12-01T23:30:00Z"), DAMASCUS)).toBe("Friday, 02 December 2016 01:30");
  });

  it("uses Damascus's permanent UTC+3 after 2022", () => {
    expect(formatDateline(new Date("2023-12-01T16:10:00Z"), DAMASCUS)).toBe("Friday, 01 December 2023 19:10");
  });

  it("localizes names in the same shape for another locale", () => {
    expect(formatDateline(new Date("2016-12-01T16:10:00Z"), DAMASCUS, "fr-FR")).toBe("jeudi, 01 décembre 2016 18:10");
  });

  it("throws on an invalid date or zone rather than printing 'Invalid Date'", () => {
    expect(() => formatDateline(new Date("nope"), DAMASCUS)).toThrow(RangeError);
    expect(() => formatDateline(new Date(), "Mars/Olympus_Mons")).toThrow(RangeError);
  });
});

describe("toDateTimeLocalValue", () => {
  it("shows the sample instant in Damascus", () => {
    expect(toDateTimeLocalValue(new Date("2016-12-01T16:10:00Z"), DAMASCUS)).toBe("2016-12-01T18:10");
  });

  it("truncates seconds instead of rounding to the next minute", () => {
    expect(toDateTimeLocalValue(new Date("2016-12-01T16:10:59.999Z"), DAMASCUS)).toBe("2016-12-01T18:10");
  });

  it("renders midnight as 00 and pads every field", () => {
    expect(toDateTimeLocalValue(new Date("2024-03-04T05:06:00Z"), NEW_YORK)).toBe("2024-03-04T00:06");
    expect(toDateTimeLocalValue(new Date("0050-06-01T12:00:00Z"), "UTC")).toBe("0050-06-01T12:00");
  });

  it("throws on an invalid date", () => {
    expect(() => toDateTimeLocalValue(new Date(Number.NaN), LONDON)).toThrow(RangeError);
  });
});

describe("parseDateTimeLocal", () => {
  it("converts the sample wall time back to UTC", () => {
    expect(parsedIso("2016-12-01T18:10", DAMASCUS)).toBe("2016-12-01T16:10:00.000Z");
  });

  it("accepts the seconds and milliseconds a stepped input sends", () => {
    expect(parsedIso("2016-12-01T18:10:30", DAMASCUS)).toBe("2016-12-01T16:10:30.000Z");
    expect(parsedIso("2016-12-01T18:10:30.5", DAMASCUS)).toBe("2016-12-01T16:10:30.500Z");
  });

  describe("Europe/London", () => {
    // Spring forward 2024-03-31 01:00 GMT -> 02:00 BST; fall back 2024-10-27 02:00 BST -> 01:00 GMT.
    it("handles both sides of the spring-forward gap", () => {
      expect(parsedIso("2024-03-31T00:59", LONDON)).toBe("2024-03-31T00:59:00.000Z");
      expect(parsedIso("2024-03-31T02:00", LONDON)).toBe("2024-03-31T01:00:00.000Z");
    });

    it.each(["2024-03-31T01:00", "2024-03-31T01:30", "2024-03-31T01:59"])("refuses %s, which never happens", (v) => {
      expect(refusal(v, LONDON)).toMatch(/does not exist in Europe\/London/);
    });

    it("suggests the equivalent time after the jump", () => {
      expect(refusal("2024-03-31T01:30", LONDON)).toBe(
        "2024-03-31 01:30 does not exist in Europe/London: the clocks go forward then. Please choose a later time, such as 02:30.",
      );
    });

    it("resolves the doubled hour to the earlier instant (still BST)", () => {
      expect(parsedIso("2024-10-27T01:00", LONDON)).toBe("2024-10-27T00:00:00.000Z");
      expect(parsedIso("2024-10-27T01:30", LONDON)).toBe("2024-10-27T00:30:00.000Z");
      expect(parsedIso("2024-10-27T01:59", LONDON)).toBe("2024-10-27T00:59:00.000Z");
    });

    it("is unambiguous either side of the overlap", () => {
      expect(parsedIso("2024-10-27T00:59", LONDON)).toBe("2024-10-26T23:59:00.000Z");
      expect(parsedIso("2024-10-27T02:00", LONDON)).toBe("2024-10-27T02:00:00.000Z");
    });
  });

  describe("America/New_York", () => {
    // Spring forward 2024-03-10 02:00 EST -> 03:00 EDT; fall back 2024-11-03 02:00 EDT -> 01:00 EST.
    it("handles the spring-forward gap", () => {
      expect(parsedIso("2024-03-10T01:59", NEW_YORK)).toBe("2024-03-10T06:59:00.000Z");
      expect(refusal("2024-03-10T02:30", NEW_YORK)).toMatch(/does not exist.*03:30/);
      expect(parsedIso("2024-03-10T03:00", NEW_YORK)).toBe("2024-03-10T07:00:00.000Z");
    });

    it("resolves the fall-back overlap to the earlier (EDT) instant", () => {
      expect(parsedIso("2024-11-03T01:30", NEW_YORK)).toBe("2024-11-03T05:30:00.000Z");
      expect(parsedIso("2024-11-03T02:00", NEW_YORK)).toBe("2024-11-03T07:00:00.000Z");
    });
  });

  describe("Asia/Damascus", () => {
    // 2016: spring forward at midnight on 25 March (00:00 -> 01:00); fall back at midnight on
    // 28 October (00:00 EEST -> 23:00 EET on the 27th). Permanently UTC+3 since late 2022.
    it("refuses the missing hour after midnight on 25 March 2016", () => {
      expect(refusal("2016-03-25T00:00", DAMASCUS)).toMatch(/does not exist in Asia\/Damascus/);
      expect(refusal("2016-03-25T00:30", DAMASCUS)).toMatch(/01:30/);
      expect(parsedIso("2016-03-24T23:59", DAMASCUS)).toBe("2016-03-24T21:59:00.000Z");
      expect(parsedIso("2016-03-25T01:00", DAMASCUS)).toBe("2016-03-24T22:00:00.000Z");
    });

    it("resolves the repeated 23:xx on 27 October 2016 to the earlier instant", () => {
      expect(parsedIso("2016-10-27T23:30", DAMASCUS)).toBe("2016-10-27T20:30:00.000Z");
      expect(parsedIso("2016-10-28T00:00", DAMASCUS)).toBe("2016-10-27T22:00:00.000Z");
    });

    it("uses UTC+3 all year after 2022", () => {
      expect(parsedIso("2023-01-15T12:00", DAMASCUS)).toBe("2023-01-15T09:00:00.000Z");
      expect(parsedIso("2023-07-15T12:00", DAMASCUS)).toBe("2023-07-15T09:00:00.000Z");
    });

    it("handles local mean time offsets that are not whole minutes", () => {
      // Before 1920 Damascus kept LMT, UTC+2:25:12.
      expect(parsedIso("1900-01-01T12:00", DAMASCUS)).toBe("1900-01-01T09:34:48.000Z");
    });
  });

  it("refuses a day a zone skipped entirely, naming the date to use instead", () => {
    // Samoa moved across the date line: 2011-12-29 23:59 (UTC-10) was followed by 2011-12-31 00:00.
    expect(refusal("2011-12-30T12:00", "Pacific/Apia")).toBe(
      "2011-12-30 12:00 does not exist in Pacific/Apia: the clocks go forward then. Please choose a later time, such as 2011-12-31 12:00.",
    );
    expect(parsedIso("2011-12-29T23:59", "Pacific/Apia")).toBe("2011-12-30T09:59:00.000Z");
    expect(parsedIso("2011-12-31T00:00", "Pacific/Apia")).toBe("2011-12-30T10:00:00.000Z");
  });

  it("round-trips every 3h07m of two years in each zone (the overlap reads back the same wall time)", () => {
    for (const timeZone of [DAMASCUS, LONDON, NEW_YORK, "Australia/Lord_Howe", "UTC"]) {
      for (const year of [2016, 2024]) {
        const start = Date.UTC(year, 0, 1);
        for (let t = start; t < start + 366 * 24 * 3_600_000; t += 3 * 3_600_000 + 7 * 60_000) {
          const value = toDateTimeLocalValue(new Date(t), timeZone);
          const result = parseDateTimeLocal(value, timeZone);
          if (!result.ok) throw new Error(`${timeZone} ${value}: ${result.reason}`);
          expect(toDateTimeLocalValue(result.date, timeZone)).toBe(value);
          // Either the same instant, or (in a fall-back overlap) an earlier one.
          expect(result.date.getTime()).toBeLessThanOrEqual(t);
          expect(t - result.date.getTime()).toBeLessThan(2 * 3_600_000);
        }
      }
    }
  });

  it.each([
    ["", "Please enter a date and time."],
    ["   ", "Please enter a date and time."],
    ["2016-12-01", "Please enter the date and time as YYYY-MM-DDTHH:MM, for example 2016-12-01T18:10."],
    ["2016-12-01 18:10", "Please enter the date and time as YYYY-MM-DDTHH:MM, for example 2016-12-01T18:10."],
    ["2016-12-01T18:10Z", "Please enter the date and time as YYYY-MM-DDTHH:MM, for example 2016-12-01T18:10."],
    ["2016-12-01T18:10+02:00", "Please enter the date and time as YYYY-MM-DDTHH:MM, for example 2016-12-01T18:10."],
    ["16-12-01T18:10", "Please enter the date and time as YYYY-MM-DDTHH:MM, for example 2016-12-01T18:10."],
    ["tomorrow at 6", "Please enter the date and time as YYYY-MM-DDTHH:MM, for example 2016-12-01T18:10."],
    ["2016-13-01T10:00", "That month does not exist."],
    ["2016-00-01T10:00", "That month does not exist."],
    ["2016-02-30T10:00", "That day does not exist in that month."],
    ["2015-02-29T10:00", "That day does not exist in that month."],
    ["2016-04-31T10:00", "That day does not exist in that month."],
    ["2016-12-00T10:00", "That day does not exist in that month."],
    ["2016-12-01T24:00", "That time of day does not exist."],
    ["2016-12-01T18:60", "That time of day does not exist."],
    ["2016-12-01T18:10:60", "That time of day does not exist."],
    ["0000-01-01T00:00", "Please enter a year from 0001 onwards."],
  ])("refuses malformed %j", (value, reason) => {
    expect(parseDateTimeLocal(value, DAMASCUS)).toEqual({ ok: false, reason });
  });

  it("accepts 29 February in a leap year", () => {
    expect(parsedIso("2016-02-29T10:00", "UTC")).toBe("2016-02-29T10:00:00.000Z");
  });

  it("refuses an unknown time zone", () => {
    expect(parseDateTimeLocal("2016-12-01T18:10", "Mars/Olympus_Mons")).toEqual({
      ok: false,
      reason: '"Mars/Olympus_Mons" is not a time zone we know.',
    });
  });

  it("refuses a non-string value from an untyped caller", () => {
    expect(parseDateTimeLocal(undefined as unknown as string, DAMASCUS).ok).toBe(false);
  });
});

describe("isValidTimeZone", () => {
  it.each([DAMASCUS, LONDON, NEW_YORK, "UTC", "Asia/Kolkata", "Australia/Lord_Howe"])("accepts %s", (tz) => {
    expect(isValidTimeZone(tz)).toBe(true);
  });

  it.each(["", " ", "Mars/Olympus_Mons", "Europe/Londres", "GMT+25", 42, null, undefined])("rejects %j", (tz) => {
    expect(isValidTimeZone(tz)).toBe(false);
  });
});
