import type { Messages } from "@/lib/i18n/messages";

/** "Newer" / "Older" links, in the page's language; no counts, so deep archives need no COUNT(*) per page. */
export function Pagination({ page, hasNext, hrefFor, label, strings }: { page: number; hasNext: boolean; hrefFor: (page: number) => string; label?: string; strings: Messages }) {
  if (page <= 1 && !hasNext) return null;
  return (
    <nav aria-label={label ?? strings.pages} className="pagination">
      <ul>
        {page > 1 ? (
          <li>
            <a href={hrefFor(page - 1)} rel="prev">
              {strings.newer}
            </a>
          </li>
        ) : null}
        <li aria-current="page">{strings.pageNumber(page)}</li>
        {hasNext ? (
          <li>
            <a href={hrefFor(page + 1)} rel="next">
              {strings.older}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
