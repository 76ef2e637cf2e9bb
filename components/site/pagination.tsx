/** "Newer" / "Older" links; no counts, so deep archives need no COUNT(*) per page. */
export function Pagination({ page, hasNext, hrefFor, label = "Pages" }: { page: number; hasNext: boolean; hrefFor: (page: number) => string; label?: string }) {
  if (page <= 1 && !hasNext) return null;
  return (
    <nav aria-label={label} className="pagination">
      <ul>
        {page > 1 ? (
          <li>
            <a href={hrefFor(page - 1)} rel="prev">
              ← Newer
            </a>
          </li>
        ) : null}
        <li aria-current="page">Page {page}</li>
        {hasNext ? (
          <li>
            <a href={hrefFor(page + 1)} rel="next">
              Older →
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
