// After `vite build`: a brotli (.br) and a gzip (.gz) twin of every text file in dist/, made
// once at their highest levels, so the server sends them without compressing per request.
// A twin that would not be smaller than its file is not written.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const TEXT = /\.(html|js|mjs|css|svg|json|txt|map|webmanifest)$/;
const MIN_BYTES = 256;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (TEXT.test(name)) yield path;
  }
}

const dist = process.argv[2] ?? "dist";
let before = 0;
let after = 0;
for (const path of files(dist)) {
  const body = readFileSync(path);
  if (body.length < MIN_BYTES) continue;
  const brotli = brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
  const gzip = gzipSync(body, { level: 9 });
  if (brotli.length < body.length) writeFileSync(`${path}.br`, brotli);
  if (gzip.length < body.length) writeFileSync(`${path}.gz`, gzip);
  before += body.length;
  after += Math.min(brotli.length, body.length);
}
console.log(`compressed: ${(before / 1024).toFixed(1)} KiB of text -> ${(after / 1024).toFixed(1)} KiB brotli`);
