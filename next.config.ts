import type { NextConfig } from 'next';
import createMDX from '@next/mdx';

// Static export (out/) for any static host. trailingSlash: every route is a folder with an
// index.html, so plain static servers (and Vercel) resolve /lessons/x/ without rewrites.
const nextConfig: NextConfig = {
  output: 'export',
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

export default withMDX(nextConfig);
