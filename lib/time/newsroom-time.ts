/**
 * Newsroom wall-clock time, with Intl only.
 *
 * Instants are stored in UTC; people read and type times in the newsroom's zone (a setting). The
 * hard part is the way back, from a typed wall time to an instant: around daylight-saving changes
 * a wall time can be missing (clocks jump forward) or happen twice (clocks go back). A scheduled
 * story must never quietly publish an hour off, so a missing time is refused with an explanation
 * rather than shifted, and a doubled time takes the earlier instant (the first time the clock
 * shows it, which is what a person scheduling "01:30" on that night most likely means, and errs on
 * the side of publishing early rather than late).
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

// Constructing a DateTimeFormat is far more expensive than using one; zones are few.
const wallClockFormatters = new Map<string, Intl.DateTimeFormat>();
const datelineFormatters = new Map<string, Intl.DateTimeFormat>();

export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== "string" || timeZone.trim() === "") return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = wallClockFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US-u-nu-latn", {
      timeZone,
      // era so that years before 1 CE are not silently read as positive years.
      era: "short",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      // h23, not hour12:false: some engines print midnight as "24" with the latter.
      hourCycle: "h23",
    });
    wallClockFormatters.set(timeZone, formatter);
  }
  return formatter;
}

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function partsToRecord(parts: Intl.DateTimeFormatPart[]): Partial<Record<Intl.DateTimeFormatPartTypes, string>> {
  const record: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of parts) record[part.type] = part.value;
  return record;
}

function wallClockAt(instantMs: number, timeZone: string): WallClock {
  const p = partsToRecord(wallClockFormatter(timeZone).formatToParts(instantMs));
  const year = Number(p.year);
  return {
    // en-US eras are "AD"/"BC"; astronomical year numbering makes 1 BC year 0.
    year: p.era === "BC" ? 1 - year : year,
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
    second: Number(p.second),
  };
}

/** The wall clock as if it were UTC, in ms: lets wall times be compared and subtracted. */
function wallClockToUtcMs(w: WallClock, ms = 0): number {
  const d = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour, w.minute, w.second, ms);
  return d.getTime();
}

/** Offset of the zone from UTC at an instant, in ms (Damascus in winter 2016: +2 h). */
function offsetAt(instantMs: number, timeZone: string): number {
  const wholeSecond = Math.floor(instantMs / 1000) * 1000;
  return wallClockToUtcMs(wallClockAt(wholeSecond, timeZone)) - wholeSecond;
}

function pad(n: number, width = 2): string {
  const s = String(Math.abs(n)).padStart(width, "0");
  return n < 0 ? `-${s}` : s;
}

function assertValidDate(date: Date): void {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new RangeError("Expected a valid Date.");
  }
}

function datelineFormatter(timeZone: string, locale: string): Intl.DateTimeFormat {
  const key = `${locale}\u0000${timeZone}`;
  let formatter = datelineFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, {
      timeZone,
      weekday: "long",
      day: "2-digit",
      month: "long",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    datelineFormatters.set(key, formatter);
  }
  return formatter;
}

/**
 * "Thursday, 01 December 2016 18:10". Assembled from parts rather than `format()` because the
 * locale's own pattern varies between ICU versions ("... 2016 at 18:10", "..., 18:10"), and the
 * dateline shape is a house style, not a locale convention. Other locales get localized names and
 * digits in the same shape. Throws RangeError for an invalid date or time zone: both are
 * programming errors by the time a dateline is rendered.
 */
export function formatDateline(date: Date, timeZone: string, locale = "en-GB"): string {
  assertValidDate(date);
  const p = partsToRecord(datelineFormatter(timeZone, locale).formatToParts(date));
  // Arabic script languages separate the weekday with the Arabic comma.
  const comma = /^(ar|fa|ur)\b/.test(locale) ? "،" : ",";
  return `${p.weekday}${comma} ${p.day} ${p.month} ${p.year} ${p.hour}:${p.minute}`;
}

/**
 * Value for <input type="datetime-local"> showing `date` in the newsroom zone, to the minute
 * (seconds are truncated, as the input shows them).
 */
export function toDateTimeLocalValue(date: Date, timeZone: string): string {
  assertValidDate(date);
  const w = wallClockAt(date.getTime(), timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

export type ParseDateTimeLocalResult = { ok: true; date: Date } | { ok: false; reason: string };

// What <input type="datetime-local"> submits: minutes always, seconds and milliseconds when `step`
// asks for them.
const DATETIME_LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

function daysInMonth(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0);
  return d.getUTCDate();
}

function describeWallTime(w: WallClock): string {
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
}

/**
 * A wall-clock time typed in the newsroom zone -> the instant it denotes.
 *
 * Approach: guess offsets from the zone around that moment, turn the wall time into an instant with
 * each, and keep only the instants whose wall clock really reads back as what was typed. None left
 * means the time falls in a spring-forward gap; two means a fall-back overlap.
 */
export function parseDateTimeLocal(value: string, timeZone: string): ParseDateTimeLocalResult {
  if (!isValidTimeZone(timeZone)) return { ok: false, reason: `"${String(timeZone)}" is not a time zone we know.` };
  if (typeof value !== "string") return { ok: false, reason: "Please enter a date and time." };
  const trimmed = value.trim();
  if (trimmed === "") return { ok: false, reason: "Please enter a date and time." };

  const m = DATETIME_LOCAL.exec(trimmed);
  if (!m) return { ok: false, reason: "Please enter the date and time as YYYY-MM-DDTHH:MM, for example 2016-12-01T18:10." };

  const wall: WallClock = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: m[6] === undefined ? 0 : Number(m[6]),
  };
  const millis = m[7] === undefined ? 0 : Number(m[7].padEnd(3, "0"));

  if (wall.year < 1) return { ok: false, reason: "Please enter a year from 0001 onwards." };
  if (wall.month < 1 || wall.month > 12) return { ok: false, reason: "That month does not exist." };
  if (wall.day < 1 || wall.day > daysInMonth(wall.year, wall.month)) {
    return { ok: false, reason: "That day does not exist in that month." };
  }
  if (wall.hour > 23 || wall.minute > 59 || wall.second > 59) {
    return { ok: false, reason: "That time of day does not exist." };
  }

  const wallMs = wallClockToUtcMs(wall, millis);
  const wallWholeSecond = wallClockToUtcMs(wall);

  // Offsets stay within +-14 h and zones do not change offset twice within two days, so the offsets
  // a day either side are every offset that can apply to this wall time. The read-back check means
  // a wrong guess can only cause a refusal, never a wrong instant.
  const offsets = new Set<number>();
  for (const delta of [-DAY_MS, 0, DAY_MS]) {
    offsets.add(offsetAt(wallMs + delta, timeZone));
  }
  const matches: number[] = [];
  for (const offset of offsets) {
    const instant = wallMs - offset;
    const readBack = wallClockToUtcMs(wallClockAt(Math.floor(instant / 1000) * 1000, timeZone));
    if (readBack === wallWholeSecond) matches.push(instant);
  }

  if (matches.length === 0) {
    // Reading the wall time with the offset from before the change lands past the gap, on the
    // clock time a person would see an equal time after the jump: a concrete suggestion.
    const before = offsetAt(wallMs - DAY_MS, timeZone);
    const suggestion = wallClockAt(wallMs - before, timeZone);
    const sameDay =
      suggestion.year === wall.year && suggestion.month === wall.month && suggestion.day === wall.day;
    // Usually a one-hour jump on the same day; a zone that skipped a whole day (Samoa, 2011) needs
    // the date too.
    const example = sameDay ? `${pad(suggestion.hour)}:${pad(suggestion.minute)}` : describeWallTime(suggestion);
    return {
      ok: false,
      reason:
        `${describeWallTime(wall)} does not exist in ${timeZone}: the clocks go forward then. ` +
        `Please choose a later time, such as ${example}.`,
    };
  }
  return { ok: true, date: new Date(Math.min(...matches)) };
}
