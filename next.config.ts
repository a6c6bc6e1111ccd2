import type { NextConfig } from 'next';
import { PHASE_DEVELOPMENT_SERVER } from 'next/constants';
import createMDX from '@next/mdx';
// @ts-expect-error plain ESM script without types
import { HEADER_RULES } from './scripts/headers.mjs';

// Static export (out/) for any static host. trailingSlash: every route is a folder with an
// index.html, so plain static servers (and Vercel) resolve /lessons/x/ without rewrites.
// NEXT_PUBLIC_BASE_PATH=/repo builds the lab for a host that serves it below /repo/ (a GitHub Pages
// project site): Next prefixes <Link> and /_next/ with it, components/site-base.ts everything else.
const basePath = (process.env.NEXT_PUBLIC_BASE_PATH ?? '').split('/').filter(Boolean).join('/');

const nextConfig: NextConfig = {
  output: 'export',
  ...(basePath ? { basePath: `/${basePath}` } : {}),
  trailingSlash: true,
  pageExtensions: ['ts', 'tsx', 'mdx'],
  images: { unoptimized: true },
  poweredByHeader: false,
  // `npm test` type-checks the whole tree with `tsc --noEmit` as its own step; not twice.
  typescript: { ignoreBuildErrors: true },
};

// Plugin names as strings: Turbopack cannot take JS functions across to Rust.
const withMDX = createMDX({
  options: {
    remarkPlugins: ['remark-math'],
    rehypePlugins: [['rehype-katex', { strict: false, output: 'htmlAndMathml' }]],
  },
});

// Cross-origin isolation headers (scripts/headers.mjs) in `next dev` only: a static export cannot
// send headers (the host does: vercel.json, scripts/serve.mjs), and `next build` warns when
// `headers` is set together with output: 'export'.
export default function config(phase: string): NextConfig {
  if (phase !== PHASE_DEVELOPMENT_SERVER) return withMDX(nextConfig);
  type Rule = { source: string; headers: { key: string; value: string }[] };
  const rules = (HEADER_RULES as Rule[]).map((r) => ({ source: r.source === '/(.*)' ? '/:path*' : r.source, headers: r.headers }));
  return withMDX({ ...nextConfig, headers: async () => rules });
}
