/** Navigation as data: content/lessons.json in order, grouped, with previous / next. */
import data from '@/content/lessons.json';

export interface LessonMeta {
  slug: string;
  title: string;
  summary: string;
  group: string;
}

export const lessons: readonly LessonMeta[] = data as LessonMeta[];

export function lessonBySlug(slug: string): LessonMeta | undefined {
  return lessons.find((l) => l.slug === slug);
}

/** The lessons before and after `slug` in course order (undefined at the ends). */
export function neighbours(slug: string, list: readonly LessonMeta[] = lessons): { prev?: LessonMeta; next?: LessonMeta } {
  const i = list.findIndex((l) => l.slug === slug);
  if (i < 0) return {};
  return { prev: list[i - 1], next: list[i + 1] };
}

/** Groups in first-appearance order: [{ group: 'Text to numbers', lessons: [...] }, ...]. */
export function groupedLessons(list: readonly LessonMeta[] = lessons): { group: string; lessons: LessonMeta[] }[] {
  const out: { group: string; lessons: LessonMeta[] }[] = [];
  for (const l of list) {
    let g = out.find((x) => x.group === l.group);
    if (!g) out.push((g = { group: l.group, lessons: [] }));
    g.lessons.push(l);
  }
  return out;
}
