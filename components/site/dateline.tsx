import { formatDateline } from "@/lib/time/newsroom-time";
import { datelineLocale } from "@/lib/site/language";

/** A <time> whose machine value is the instant and whose text is the newsroom's dateline. */
export function Dateline({ iso, timeZone, language, className }: { iso: string; timeZone: string; language: string; className?: string }) {
  return (
    <time dateTime={iso} className={className}>
      {formatDatelineSafely(iso, timeZone, language)}
    </time>
  );
}

export function formatDatelineSafely(iso: string, timeZone: string, language: string): string {
  const date = new Date(iso);
  try {
    return formatDateline(date, timeZone, datelineLocale(language));
  } catch {
    // An unknown locale or zone must not take the page down; the house format in UTC still reads.
    return formatDateline(date, "UTC");
  }
}
