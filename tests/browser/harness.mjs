// Harness of the browser tests: starts the real clearinghouse (the binary cargo built) on
// a free loopback port with a temp data dir and the demo feeds, waits until it has
// harvested them, and launches the system's headless Chromium through playwright-core.
// Also: axe-core checks and screenshots at phone and desktop widths.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
export const artifactsDir = path.join(here, 'artifacts');

/** The token the test institution signs in with (only its SHA-256 is configured). */
export const TEST_TOKEN = 'browser-test-token-for-demo-tu';
/** The institution that token acts for. */
export const TEST_INSTITUTION = 'demo-tu';

const WAIT_MS = 60_000;

function sha256Hex(text) {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The test configuration. The demo feeds are copied beside it: file sources are read only
 * from under the configuration's directory.
 */
function configToml(workDir, dataDir) {
  const feed = (file) => {
    const copy = path.join(workDir, 'feeds', file);
    mkdirSync(path.dirname(copy), { recursive: true });
    copyFileSync(path.join(repoRoot, 'demo', 'feeds', file), copy);
    return JSON.stringify(copy);
  };
  return `data_dir = ${JSON.stringify(dataDir)}
[server]
listen = "127.0.0.1:0"
workers = 2
[harvest]
harvest_on_start = true
request_timeout_secs = 10
max_retries = 0
[index]
writer_heap_bytes = 20000000

[[sources]]
id = "demo-tu"
institution = "Technische Universität Demo"
country = "DE"
protocol = "file"
url = ${feed('demo-tu.json')}
format = "clearinghouse-json"
schedule = "0 0 3 * * *"
homepage = "https://www.tu-demo.example/"
institution_names = { en = "Technical University Demo", pl = "Uniwersytet Techniczny Demo" }

[[sources]]
id = "demo-lyon"
institution = "Université Démo de Lyon"
country = "FR"
protocol = "file"
url = ${feed('demo-lyon.jsonl')}
format = "clearinghouse-json"
schedule = "0 30 3 * * *"
homepage = "https://www.univ-demo-lyon.example/"

[[sources]]
id = "demo-krakow"
institution = "Demo University of Kraków"
country = "PL"
protocol = "file"
url = ${feed('demo-krakow-oai_dc.xml')}
format = "oai_dc"
schedule = "0 0 4 * * *"

[[tokens]]
id = "browser-test-officer"
sha256 = "${sha256Hex(TEST_TOKEN)}"
institution = "${TEST_INSTITUTION}"
admin = false
person = "Test Officer"
`;
}

async function sleep(ms) {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

async function getJson(url) {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`${url}: status ${response.status}`);
  }
  return response.json();
}

/**
 * Starts `clearinghouse serve` and resolves once it listens and every demo source has
 * been harvested and indexed. Resolves to `{ baseUrl, stop }`.
 */
export async function startServer() {
  const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(repoRoot, 'target');
  const binary =
    process.env.CLEARINGHOUSE_BIN ?? path.resolve(repoRoot, targetDir, 'debug', 'clearinghouse');
  const workDir = mkdtempSync(path.join(tmpdir(), 'clearinghouse-browser-'));
  const configPath = path.join(workDir, 'clearinghouse.toml');
  writeFileSync(configPath, configToml(workDir, path.join(workDir, 'data')));
  const child = spawn(binary, ['serve', '--config', configPath], {
    cwd: workDir,
    env: { ...process.env, RUST_LOG: process.env.RUST_LOG ?? 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    if (process.env.CLEARINGHOUSE_LOG) {
      process.stderr.write(chunk);
    }
  });
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          resolve();
        }, 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    rmSync(workDir, { recursive: true, force: true });
  };
  const baseUrl = await new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(
      () => reject(new Error(`the server did not start in time; stderr:\n${stderr}`)),
      WAIT_MS,
    );
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const found = stdout.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}; stderr:\n${stderr}`));
    });
  }).catch(async (error) => {
    await stop();
    throw error;
  });
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      const health = await getJson(`${baseUrl}/health`);
      const { sources } = await getJson(`${baseUrl}/api/v1/sources`);
      const harvested = sources.every(
        (source) => source.last_run && source.last_run.outcome !== 'running' && !source.running_since,
      );
      if (harvested && health.store.live > 0 && health.index_seq === health.store_seq) {
        break;
      }
    } catch {
      // Not up yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the demo feeds were not harvested in time; stderr:\n${stderr}`);
    }
    await sleep(200);
  }
  return { baseUrl, stop };
}

/**
 * Launches the system's Chromium, headless, with a fresh profile, in `locale` (British
 * English unless told: it is what the browser asks for in `Accept-Language`). Resolves to
 * `{ context, close }`.
 */
export async function launchBrowser({ locale = 'en-GB' } = {}) {
  const profile = mkdtempSync(path.join(tmpdir(), 'clearinghouse-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    locale,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}

const axeSource = readFileSync(path.join(here, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/**
 * Runs axe-core on the page for the WCAG 2.0/2.1 A and AA rules and axe's best practices
 * (landmarks, headings, ...); resolves to the violations, each as `{ id, impact, help, targets }`. axe is evaluated through the
 * DevTools protocol, which the page's Content-Security-Policy does not restrict.
 */
export async function axeViolations(page) {
  await page.evaluate(axeSource);
  const results = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
      resultTypes: ['violations'],
    }),
  );
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(' ')),
  }));
}

/**
 * Saves full-page screenshots of the page at phone (390 px) and desktop (1280 px) widths.
 * The page (a GET) is loaded again at each width, as a phone or a desktop would load it.
 */
export async function screenshots(page, name) {
  mkdirSync(artifactsDir, { recursive: true });
  const original = page.viewportSize();
  for (const [label, width, height] of [
    ['phone', 390, 844],
    ['desktop', 1280, 900],
  ]) {
    await page.setViewportSize({ width, height });
    await page.reload({ waitUntil: 'load' });
    await page.screenshot({ path: path.join(artifactsDir, `${name}-${label}.png`), fullPage: true });
  }
  if (original) {
    await page.setViewportSize(original);
    await page.reload({ waitUntil: 'load' });
  }
}
