/**
 * The <html> and <body> of a root layout. The app has several root layouts (the public site's
 * document language follows the story it shows; the desk and sign-in pages are in English), and
 * they all render the same document shell through this.
 *
 * `staticDocument` declares that the page works without any client JavaScript (no client
 * components, plain links): the public page cache then serves it without Next's client runtime
 * (scripts/front-cache.mjs). Remove it from a layout the day its pages need a client component.
 */
export function RootDocument({
  lang,
  dir,
  staticDocument = false,
  children,
}: {
  lang: string;
  dir: "ltr" | "rtl";
  staticDocument?: boolean;
  children: React.ReactNode;
}) {
  return (
    <html lang={lang} dir={dir} {...(staticDocument ? { "data-dateline-static": "" } : {})}>
      <body>{children}</body>
    </html>
  );
}
