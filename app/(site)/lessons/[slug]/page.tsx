import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { lessonBySlug, lessons } from '@/components/lesson/lessons';
import { lessonHeadings } from '@/components/lesson/lesson-source';
import { LessonShell } from '@/components/lesson/LessonShell';
import 'katex/dist/katex.min.css';
import '@/components/ui/styles/lesson.css';

type Params = { params: Promise<{ slug: string }> };

export const dynamicParams = false;

export function generateStaticParams() {
  return lessons.map((l) => ({ slug: l.slug }));
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const lesson = lessonBySlug((await params).slug);
  return lesson ? { title: lesson.title, description: lesson.summary } : {};
}

export default async function LessonPage({ params }: Params) {
  const { slug } = await params;
  const lesson = lessonBySlug(slug);
  if (!lesson) notFound();
  const { default: Content } = await import(`@/content/lessons/${slug}.mdx`);
  return (
    <LessonShell lesson={lesson} headings={lessonHeadings(slug)}>
      <Content />
    </LessonShell>
  );
}
