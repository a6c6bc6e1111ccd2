#!/usr/bin/env node
/**
 * Tiny static file server for the exported site (out/), used by `npm start` and the e2e tests.
 *   node scripts/serve.mjs [dir=out] [port=3000] [host=127.0.0.1]
 * Serves dir/index.html for folders (trailingSlash export), redirects /x to /x/ when x is a
 * folder, 404s with dir/404.html. Correct MIME types for .wasm/.mjs/.onnx/.safetensors/.json.
 * Sends the headers of scripts/headers.mjs (the same as vercel.json): COOP same-origin + COEP
 * require-corp, so pages are cross-origin isolated and ORT's WASM may use several threads, and CORP
 * cross-origin so pages on other origins may embed the widgets. `isolation: false` leaves COOP/COEP
 * out (a host that cannot set headers: benches and e2e tests compare the two).
 * Files carry an ETag, and a matching If-None-Match gets 304, so `cache-control: no-cache`
 * revalidates instead of downloading again (as static hosts do): a warm visit keeps its HTTP-cache
 * entries, and with them V8's cached code for the ORT wasm. `alias` (benches) serves one path's
 * file at another: { '/ort/a.mjs': '/ort/b.mjs' }.
 */
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { headersFor } from './headers.mjs';

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.safetensors': 'application/octet-stream',
  '.bin': 'application/octet-stream',
  '.map': 'application/json; charset=utf-8',
};

/** Start a server; resolves to { url, close() }. port 0 picks a free port. */
export function startServer({ dir = 'out', port = 0, host = '127.0.0.1', headers = {}, isolation = true, alias = {} } = {}) {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    let rel;
    try {
      rel = normalize(decodeURIComponent(Object.hasOwn(alias, url.pathname) ? alias[url.pathname] : url.pathname));
    } catch {
      res.writeHead(400).end('bad path');
      return;
    }
    let file = join(root, rel);
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!url.pathname.endsWith('/')) {
        res.writeHead(308, { location: url.pathname + '/' + url.search }).end();
        return;
      }
      file = join(file, 'index.html');
    } else if (!existsSync(file) && existsSync(file + '.html')) {
      file += '.html';
    }
    const base = { ...headersFor(url.pathname), ...headers };
    if (!isolation) {
      delete base['cross-origin-opener-policy'];
      delete base['cross-origin-embedder-policy'];
    }
    if (!existsSync(file) || !statSync(file).isFile()) {
      const nf = join(root, '404.html');
      res.writeHead(404, { ...base, 'content-type': MIME['.html'] });
      if (existsSync(nf)) createReadStream(nf).pipe(res);
      else res.end('not found');
      return;
    }
    const stat = statSync(file);
    const etag = `"${stat.size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag, 'cache-control': 'no-cache', ...base }).end();
      return;
    }
    res.writeHead(200, {
      'content-type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': stat.size,
      'cache-control': 'no-cache',
      etag,
      ...base,
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const addr = server.address();
      ok({ url: `http://${host}:${addr.port}`, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir = 'out', port = '3000', host = '127.0.0.1'] = process.argv.slice(2);
  if (!existsSync(dir)) {
    console.error(`serve: ${dir}/ does not exist — run \`npm run build\` first.`);
    process.exit(1);
  }
  const { url } = await startServer({ dir, port: Number(port), host });
  console.log(`Serving ${dir}/ at ${url}/`);
}
