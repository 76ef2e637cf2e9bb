export function NotFoundView() {
  return (
    <div className="not-found">
      <h1>Page not found</h1>
      <p>There is no page at this address. It may have been mistyped, or the story may have moved.</p>
      <ul>
        <li>
          <a href="/">Go to the front page</a>
        </li>
        <li>
          <a href="/search">Search the archive</a>
        </li>
      </ul>
    </div>
  );
}
