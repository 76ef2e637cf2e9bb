import Link from "next/link";
import { connection } from "next/server";
import { listLatestPublished } from "@/lib/site/queries";

export default async function HomePage() {
  // Reads the database: must run per request, never at build time.
  await connection();
  const stories = await listLatestPublished(20);
  return (
    <>
      <h1>Latest news</h1>
      {stories.length === 0 ? (
        <p className="empty">Nothing has been published yet. Please check back soon.</p>
      ) : (
        <ul className="story-list">
          {stories.map((story) => (
            <li key={story.id} className="story-card">
              <h2>
                <Link href={`/${story.sectionPath ? `${story.sectionPath}/` : ""}${story.slug}`}>{story.headline}</Link>
              </h2>
              {story.standfirst ? <p>{story.standfirst}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
