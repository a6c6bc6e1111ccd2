/** Build-time only (server components): read a lesson's MDX source for its table of contents. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractHeadings, type Heading } from '@/lib/text/slug';

export function lessonHeadings(slug: string): Heading[] {
  const file = join(process.cwd(), 'content', 'lessons', `${slug}.mdx`);
  return extractHeadings(readFileSync(file, 'utf8'));
}
