/** The course: lessons by group, in order, each with its one-line summary. */
import Link from 'next/link';
import { groupedLessons } from './lessons';

export function LessonIndex() {
  let n = 0;
  return (
    <div className="lesson-index">
      {groupedLessons().map((g) => (
        <section key={g.group} aria-labelledby={`group-${g.group}`}>
          <h2 id={`group-${g.group}`}>{g.group}</h2>
          <ol className="lesson-list">
            {g.lessons.map((l) => (
              <li key={l.slug} value={++n}>
                <Link href={`/lessons/${l.slug}/`} className="lesson-link">
                  <span className="lesson-link-title">{l.title}</span>
                  <span className="lesson-link-summary">{l.summary}</span>
                </Link>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
