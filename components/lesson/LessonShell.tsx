/** A lesson page: title, summary, table of contents, the content, and previous / next links. */
import Link from 'next/link';
import type { ReactNode } from 'react';
import type { Heading } from '@/lib/text/slug';
import { neighbours, type LessonMeta } from './lessons';
import { Toc } from './Toc';

export function LessonShell({ lesson, headings, children }: { lesson: LessonMeta; headings: Heading[]; children: ReactNode }) {
  const { prev, next } = neighbours(lesson.slug);
  return (
    <div className="lesson-grid">
      <article className="lesson">
        <p className="lesson-group">{lesson.group}</p>
        <h1>{lesson.title}</h1>
        <p className="lesson-summary">{lesson.summary}</p>
        {children}
        <nav className="prev-next" aria-label="Lessons">
          {prev ? (
            <Link href={`/lessons/${prev.slug}/`} rel="prev">
              <span className="muted">← Previous</span> {prev.title}
            </Link>
          ) : (
            <Link href="/">← All lessons</Link>
          )}
          {next ? (
            <Link href={`/lessons/${next.slug}/`} rel="next">
              <span className="muted">Next →</span> {next.title}
            </Link>
          ) : (
            <Link href="/">All lessons →</Link>
          )}
        </nav>
      </article>
      {headings.length > 0 && <Toc headings={headings} />}
    </div>
  );
}
