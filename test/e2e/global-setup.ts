/**
 * Serves out/ twice on 127.0.0.1: the lab (baseURL) and, on a second port — so a different
 * origin — the same files again for pages that embed the lab from elsewhere (otherOriginURL,
 * e.g. `${otherOriginURL}/embed-example.html?lab=${baseURL}`).
 */
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
// @ts-expect-error plain ESM script without types
import { startServer } from '../../scripts/serve.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    otherOriginURL: string;
  }
}

export default async function setup(project: TestProject) {
  if (!existsSync('out/index.html')) throw new Error('out/ is missing: run `npm run build` before the e2e tests.');
  const lab = await startServer({ dir: 'out' });
  const other = await startServer({ dir: 'out' });
  project.provide('baseURL', lab.url);
  project.provide('otherOriginURL', other.url);
  return async () => {
    await lab.close();
    await other.close();
  };
}
