import type { ReactNode } from "react";

export type Crumb = { name: string; href?: string; lang?: string };

/**
 * "Home › Media Center › Coalition News › Headline". The separators are real text hidden from
 * screen readers (which announce the list instead), so the trail reads the same copied or printed.
 * ›/‹ is a bidi-mirrored character: in a right-to-left article it points the other way by itself.
 */
export function Breadcrumbs({ crumbs }: { crumbs: readonly Crumb[] }) {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumbs">
      <ol>
        {crumbs.map((crumb, index) => {
          const last = index === crumbs.length - 1;
          let content: ReactNode = crumb.href && !last ? <a href={crumb.href}>{crumb.name}</a> : <span aria-current={last ? "page" : undefined}>{crumb.name}</span>;
          if (crumb.lang) content = <bdi lang={crumb.lang}>{content}</bdi>;
          return (
            <li key={`${index}-${crumb.href ?? ""}`}>
              {index > 0 ? (
                <span className="crumb-separator" aria-hidden="true">
                  {" › "}
                </span>
              ) : null}
              {content}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
