// Runs npm scripts side by side (`npm test` checks types and lint at once: two cores, two
// single-threaded tools) and prints each one's output as a block when it ends, so the logs do not
// interleave. Exits non-zero if any of them failed.
//   node scripts/parallel.mjs typecheck lint check:size
import { spawn } from 'node:child_process';

const names = process.argv.slice(2);
// Inside `npm run`, npm_execpath is npm's own script: run it with this node, no shell needed.
const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
const codes = await Promise.all(
  names.map(
    (name) =>
      new Promise((resolve) => {
        const t0 = Date.now();
        const child = spawn(npm[0], [...npm.slice(1), 'run', '--silent', name], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (out += d));
        child.on('error', (e) => (out += `${e.message}\n`));
        child.on('close', (code) => {
          const s = ((Date.now() - t0) / 1000).toFixed(1);
          process.stdout.write(`> ${name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${s} s\n${out}${out && !out.endsWith('\n') ? '\n' : ''}`);
          resolve(code ?? 1);
        });
      }),
  ),
);
process.exit(codes.every((c) => c === 0) ? 0 : 1);
