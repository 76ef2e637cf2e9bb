/** A compact date and time in the newsroom's zone, for desk tables ("03 Jan 2026, 14:05"). */
export function formatMoment(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    day: "2-digit",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(date);
}
