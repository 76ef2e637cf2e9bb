import { stringsFor } from "@/lib/site/language";

/** The 404 body, in the page's language; the site chrome around it carries the navigation. */
export function NotFoundView({ language }: { language: string }) {
  const { strings } = stringsFor(language);
  return (
    <div className="not-found">
      <h1>{strings.notFoundTitle}</h1>
      <p>{strings.notFoundBody}</p>
      <ul>
        <li>
          <a href="/">{strings.goToFront}</a>
        </li>
        <li>
          <a href="/search">{strings.searchArchive}</a>
        </li>
      </ul>
    </div>
  );
}
