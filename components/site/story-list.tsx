import type { StoryCard } from "@/lib/site/types";
import { dirOf } from "@/lib/site/language";
import { Dateline } from "./dateline";

type Props = { stories: readonly StoryCard[]; timeZone: string; pageLanguage: string; headingLevel?: 2 | 3; showSection?: boolean };

/** Links to stories, newest first; each item carries its story's own language and direction. */
export function StoryList({ stories, timeZone, pageLanguage, headingLevel = 2, showSection = true }: Props) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="story-list">
      {stories.map((story) => (
        <li key={story.id} className="story-card" {...(story.language !== pageLanguage ? { lang: story.language, dir: dirOf(story.language) } : {})}>
          <Heading>
            <a href={story.path}>{story.headline}</a>
          </Heading>
          {story.standfirst ? <p>{story.standfirst}</p> : null}
          <p className="story-card-meta">
            <Dateline iso={story.publishedAt} timeZone={timeZone} language={story.language} />
            {showSection && story.sectionName ? <span className="story-card-section"> · {story.sectionName}</span> : null}
          </p>
        </li>
      ))}
    </ul>
  );
}
