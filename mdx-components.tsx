/**
 * The fixed vocabulary of tags a lesson (content/lessons/*.mdx) may use. The content check
 * (test/content) fails on any capitalised tag not listed in LESSON_TAGS.
 */
import type { MDXComponents } from 'mdx/types';
import { Challenge, DeepDive, Hint, Intro, Pitfall, Recap, Solution, YouWillLearn } from '@/components/mdx/Callouts';
import { Cite } from '@/components/mdx/Cite';
import { Anchor } from '@/components/mdx/Anchor';
import { H2, H3 } from '@/components/mdx/Headings';
import { Widget } from '@/components/mdx/Widget';

const tags = { Intro, YouWillLearn, DeepDive, Pitfall, Recap, Challenge, Hint, Solution, Cite, Widget };

/** Tag names lessons may use (React components; lower-case HTML is plain markdown output). */
export const LESSON_TAGS: readonly string[] = Object.keys(tags);

const components: MDXComponents = { ...tags, h2: H2, h3: H3, a: Anchor };

export function useMDXComponents(): MDXComponents {
  return components;
}
