/** A site served below a base path (e.g. a GitHub Pages project site at /repo/). */
import { describe, expect, it } from 'vitest';
import { normaliseBase, sitePath, SITE_BASE } from '@/components/site-base';
import { embedUrl, iframeSnippet } from '@/components/widgets/links';
import { galleryHref } from '@/components/widgets/ShareEmbed';
import { isSitePath } from '@/components/mdx/Anchor';

describe('the site base path', () => {
  it('normalises any spelling of a base path to one leading and one trailing slash', () => {
    expect(normaliseBase(undefined)).toBe('/');
    expect(normaliseBase('')).toBe('/');
    expect(normaliseBase('/')).toBe('/');
    expect(normaliseBase('/repo')).toBe('/repo/');
    expect(normaliseBase('repo/')).toBe('/repo/');
    expect(normaliseBase('//a//b/')).toBe('/a/b/');
    expect(normaliseBase('/../x/./')).toBe('/x/');
  });

  it('is the host root when the build sets none (these tests run without NEXT_PUBLIC_BASE_PATH)', () => {
    expect(process.env.NEXT_PUBLIC_BASE_PATH ?? '').toBe('');
    expect(SITE_BASE).toBe('/');
    expect(sitePath('/models/lm/config.json')).toBe('/models/lm/config.json');
  });

  it('puts site paths, embed links and gallery links below the base path', () => {
    expect(sitePath('/models/lm/config.json', '/repo/')).toBe('/repo/models/lm/config.json');
    expect(sitePath('models/x', '/repo/')).toBe('/repo/models/x');
    expect(embedUrl('https://u.github.io', 'utf8-bytes', 'text=hi', '/repo/')).toBe('https://u.github.io/repo/embed/utf8-bytes/?text=hi');
    expect(embedUrl('https://lab.example', 'utf8-bytes', '')).toBe('https://lab.example/embed/utf8-bytes/');
    expect(galleryHref('https://u.github.io/repo/embed/generate/?seed=2', '/repo/')).toBe('/repo/widgets/?build=generate&seed=2');
    expect(iframeSnippet(embedUrl('https://u.github.io', 'generate', '', '/repo/'), 'G')).toContain('src="https://u.github.io/repo/embed/generate/"');
  });

  it('treats only single-slash paths in lesson prose as site links', () => {
    expect(isSitePath('/lessons/lora/')).toBe(true);
    expect(isSitePath('//evil.example/x')).toBe(false);
    expect(isSitePath('https://arxiv.org/abs/1706.03762')).toBe(false);
    expect(isSitePath('#section')).toBe(false);
    expect(isSitePath(undefined)).toBe(false);
  });
});
