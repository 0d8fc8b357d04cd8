// The README's "first ten minutes" screenshots, taken from the real thing: the built
// binary on the bundled demo (no --config), in a temporary data directory, driven in the
// system's headless Chromium. Writes docs/screenshots/{learner-search,officer-equivalents,
// publisher-report}.png.
//
//   cargo build --release -p server && node tests/browser/tour.mjs
//
// CLEARINGHOUSE_BIN names another binary (default: target/release/clearinghouse).

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

import { launchBrowser, repoRoot } from './harness.mjs';

const binary =
  process.env.CLEARINGHOUSE_BIN ?? path.join(repoRoot, 'target', 'release', 'clearinghouse');
const outDir = path.join(repoRoot, 'docs', 'screenshots');
mkdirSync(outDir, { recursive: true });
const dataDir = mkdtempSync(path.join(tmpdir(), 'clearinghouse-tour-'));

const child = spawn(binary, ['--data-dir', dataDir, 'serve', '--listen', '127.0.0.1:0'], {
  cwd: dataDir,
  env: { ...process.env, RUST_LOG: 'warn' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const lines = readline.createInterface({ input: child.stdout });
const baseUrl = await new Promise((resolve, reject) => {
  lines.on('line', (line) => {
    const found = line.match(/^clearinghouse listening on (http:\/\/\S+)/);
    if (found) {
      resolve(found[1]);
    }
  });
  child.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
});

async function json(pathAndQuery) {
  const response = await fetch(baseUrl + pathAndQuery);
  return response.json();
}

// The demo sets itself up: feeds harvested, then its decisions.
for (let waited = 0; ; waited += 250) {
  const decisions = await json('/api/v1/recognitions');
  if (decisions.total > 0) {
    break;
  }
  if (waited > 120_000) {
    throw new Error('the demo never recorded its decisions');
  }
  await new Promise((resolve) => setTimeout(resolve, 250));
}

const { context, close } = await launchBrowser();
const page = await context.newPage();
try {
  await page.setViewportSize({ width: 1280, height: 900 });

  // A learner searches across the network.
  await page.goto(`${baseUrl}/?q=data+science`);
  await page.screenshot({ path: path.join(outDir, 'learner-search.png') });

  // A recognition officer signs in (the demo officer of TU Demo) and looks for the
  // equivalents at her university of a Lyon micro-credential a student brings.
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByRole('button', { name: 'Sign in as the demo officer' }).click();
  await page.waitForLoadState('load');
  const held = await json(
    `/api/v1/search?q=${encodeURIComponent('Initiation à la science des données')}&per_page=1`,
  );
  await page.goto(
    `${baseUrl}/credentials/${held.hits[0].id}/equivalents?institution=demo-tu`,
  );
  await page.screenshot({ path: path.join(outDir, 'officer-equivalents.png') });

  // A publisher reads what the last harvest of their feed found (Bologna's has broken
  // records on purpose).
  await page.goto(`${baseUrl}/sources`);
  const bologna = page.locator('#source-demo-bologna-heading');
  if ((await bologna.count()) > 0) {
    await bologna.evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
  }
  await page.screenshot({ path: path.join(outDir, 'publisher-report.png') });
  console.log(`screenshots written to ${outDir}`);
} finally {
  await close();
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
