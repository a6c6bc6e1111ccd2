#!/usr/bin/env node
/**
 * Size budget: source files over the line limit of their folder fail the check, unless listed
 * with a reason in scripts/size-allowlist.txt ("path  # reason", one per line).
 *   lib/ ≤ 400 lines, components/ ≤ 250, app/ ≤ 60   (.ts .tsx .js .mjs .css)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const LIMITS = { lib: 400, components: 250, app: 60 };
const EXT = /\.(ts|tsx|js|mjs|css)$/;
const ALLOWLIST = 'scripts/size-allowlist.txt';

function files(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name).split('\\').join('/');
    return e.isDirectory() ? files(p) : EXT.test(e.name) ? [p] : [];
  });
}

/** allowlist text → Map(path → reason); lines without a reason are reported as problems. */
export function parseAllowlist(text) {
  const allowed = new Map();
  const problems = [];
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [path, ...rest] = line.split('#');
    const reason = rest.join('#').trim();
    if (!reason) problems.push(`${ALLOWLIST}:${i + 1}: "${path.trim()}" needs a reason after #`);
    else allowed.set(path.trim(), reason);
  }
  return { allowed, problems };
}

const lineCount = (p) => {
  const t = readFileSync(p, 'utf8');
  return t.length === 0 ? 0 : t.split('\n').length - (t.endsWith('\n') ? 1 : 0);
};

const { allowed, problems } = parseAllowlist(existsSync(ALLOWLIST) ? readFileSync(ALLOWLIST, 'utf8') : '');
const over = [];
let checked = 0;
for (const [dir, limit] of Object.entries(LIMITS)) {
  for (const f of files(dir)) {
    checked++;
    const n = lineCount(f);
    if (n > limit && !allowed.has(f)) over.push(`${f}: ${n} lines (limit ${limit} in ${dir}/)`);
  }
}
for (const p of allowed.keys()) if (!existsSync(p)) problems.push(`${ALLOWLIST}: ${p} does not exist (remove it)`);

if (over.length || problems.length) {
  console.error('check-size: FAIL — split these files by concept, or allowlist with a reason:');
  for (const l of [...over, ...problems]) console.error('  ' + l);
  process.exit(1);
}
console.log(`check-size: ${checked} files within budget (lib ≤${LIMITS.lib}, components ≤${LIMITS.components}, app ≤${LIMITS.app}); ${allowed.size} allowlisted.`);
