import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireViewer } from "@/lib/auth/viewer";
import { listSchedule } from "@/lib/publishing/queries";
import { getNewsroomSettings } from "@/lib/settings/queries";
import { formatDateline } from "@/lib/time/newsroom-time";
import { headlineOrUntitled } from "@/lib/stories/untitled";

export const metadata: Metadata = { title: "Schedule" };

function dayOf(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "long", day: "2-digit", month: "long", year: "numeric" }).format(date);
}

export default async function SchedulePage() {
  const viewer = await requireViewer("/desk/schedule");
  const items = await listSchedule(viewer);
  if (items === null) notFound();
  const timeZone = (await getNewsroomSettings())?.timeZone ?? "UTC";
  const days = new Map<string, typeof items>();
  for (const item of items) {
    const key = dayOf(item.scheduledFor, timeZone);
    days.set(key, [...(days.get(key) ?? []), item]);
  }
  return (
    <>
      <h1>Schedule</h1>
      <p className="muted">Times are newsroom time ({timeZone}). Stories go out on time whether or not anyone is visiting.</p>
      {items.length === 0 ? <p>Nothing is scheduled.</p> : null}
      {[...days.entries()].map(([day, list]) => (
        <section key={day} aria-labelledby={`day-${list[0]!.id}`}>
          <h2 id={`day-${list[0]!.id}`}>{day}</h2>
          <ul className="plain-list">
            {list.map((item) => (
              <li key={item.id}>
                <time dateTime={item.scheduledFor.toISOString()}>{formatDateline(item.scheduledFor, timeZone).slice(-5)}</time>{" "}
                <Link href={`/desk/stories/${item.id}`}>{headlineOrUntitled(item.headline)}</Link> <span className="muted">({item.sectionName ?? "no section"}, {item.authorName})</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
