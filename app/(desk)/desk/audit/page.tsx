import type { Metadata } from "next";
import Link from "next/link";
import { z } from "@/lib/validation/zod";
import { auditActionLabel } from "@/lib/audit/actions";
import { listAuditActions, listAuditEvents, type AuditFilters, type AuditRow } from "@/lib/audit/queries";
import { requirePagePermission } from "@/lib/auth/viewer";
import { getNewsroomSettings } from "@/lib/settings/queries";
import { formatMoment } from "@/lib/time/format-moment";
import { parseDateTimeLocal } from "@/lib/time/newsroom-time";

export const metadata: Metadata = { title: "Audit log" };

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const filtersSchema = z.object({
  action: z.string().max(100).optional().catch(undefined),
  person: z.string().max(200).optional().catch(undefined),
  ip: z.string().max(64).optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
});

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Midnight starting `date` in the newsroom's zone (01:00 where midnight falls in a DST gap). */
function startOfDay(date: string, timeZone: string): Date | undefined {
  for (const time of ["00:00", "01:00"]) {
    const parsed = parseDateTimeLocal(`${date}T${time}`, timeZone);
    if (parsed.ok) return parsed.date;
  }
  return undefined;
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function describeTarget(row: AuditRow): string {
  if (row.targetType === "user") return row.targetName ? `${row.targetName} (${row.targetEmail})` : "A removed person";
  const email = typeof row.details.email === "string" ? row.details.email : null;
  if (email) return row.targetType === "invite" ? `Invite for ${email}` : email;
  return row.targetType ? `${row.targetType} ${row.targetId ?? ""}`.trim() : "";
}

function describeDetails(row: AuditRow): string {
  const d = row.details;
  if (row.action === "people.role_change") return `${String(d.from)} → ${String(d.to)}`;
  if (row.action === "people.invite") return `as ${String(d.role)}`;
  if (row.action === "auth.sign_in_failed" && typeof d.email === "string") return `as ${d.email}`;
  // Which sign-in limit refused it: one account from this address, or this address as a whole.
  if (row.action === "auth.throttled") return d.limit === "address" ? "too many failures from this address" : d.limit === "account" ? "too many failures for this account from this address" : "";
  return "";
}

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requirePagePermission("audit.read", "/desk/audit");
  const raw = await searchParams;
  const first = (key: string) => {
    const value = raw[key];
    const text = Array.isArray(value) ? value[0] : value;
    return text && text.trim() !== "" ? text.trim() : undefined;
  };
  const params = filtersSchema.parse({ action: first("action"), person: first("person"), ip: first("ip"), from: first("from"), to: first("to"), before: first("before") });
  const settings = await getNewsroomSettings();
  const timeZone = settings?.timeZone ?? "UTC";
  const filters: AuditFilters = {
    action: params.action,
    person: params.person,
    ip: params.ip,
    from: params.from ? startOfDay(params.from, timeZone) : undefined,
    to: params.to ? startOfDay(nextDay(params.to), timeZone) : undefined,
    before: params.before,
  };
  const [{ rows, hasMore }, actions] = await Promise.all([listAuditEvents(viewer, filters), listAuditActions(viewer)]);

  const olderQuery = new URLSearchParams();
  for (const key of ["action", "person", "ip", "from", "to"] as const) if (params[key]) olderQuery.set(key, params[key]!);
  if (rows.length) olderQuery.set("before", String(rows[rows.length - 1]!.id));

  return (
    <>
      <h1>Audit log</h1>
      <form method="get" className="filters" role="search" aria-label="Filter the audit log">
        <div className="field">
          <label htmlFor="audit-action">Action</label>
          <select id="audit-action" name="action" defaultValue={params.action ?? ""}>
            <option value="">Any action</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {auditActionLabel(a)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-person">Person or email</label>
          <input id="audit-person" name="person" defaultValue={params.person ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="audit-ip">IP address</label>
          <input id="audit-ip" name="ip" defaultValue={params.ip ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="audit-from">From</label>
          <input id="audit-from" name="from" type="date" defaultValue={params.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">To</label>
          <input id="audit-to" name="to" type="date" defaultValue={params.to ?? ""} />
        </div>
        <button type="submit" className="button">
          Filter
        </button>
        <Link href="/desk/audit">Clear filters</Link>
      </form>

      {rows.length === 0 ? (
        <p className="empty">No events match these filters.</p>
      ) : (
        <table className="data-table audit-table">
          <caption className="visually-hidden">Audit events, newest first (times in {timeZone})</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Action</th>
              <th scope="col">By</th>
              <th scope="col">Target</th>
              <th scope="col">IP address</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-action={row.action}>
                <td>
                  <time dateTime={row.at.toISOString()}>{formatMoment(row.at, timeZone)}</time>
                </td>
                <td>{auditActionLabel(row.action)}</td>
                <td>{row.actorName ? `${row.actorName} (${row.actorEmail})` : "Nobody signed in"}</td>
                <td>{describeTarget(row)}</td>
                <td>{row.ip ?? ""}</td>
                <td>{describeDetails(row)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hasMore ? (
        <p>
          <Link href={`/desk/audit?${olderQuery.toString()}`}>Older events</Link>
        </p>
      ) : null}
    </>
  );
}
