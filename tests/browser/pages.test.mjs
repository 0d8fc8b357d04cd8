// End-to-end tests of the web pages in headless Chromium: search, facets, a credential,
// the hostile record, equivalents, compare, sign-in and a recognition decision, a
// decision's case file (printed on A4 and saved as PDF), a credential file the student
// brought (the real ELM and Open Badges 3 files of the shared folder, when
// CLEARINGHOUSE_SHARED_DIR names it), sources; the interface language (Polish by
// Accept-Language, French by ?lang=, German by the switcher and its cookie, every page
// checked with axe-core in German).
// Every page is checked with axe-core (WCAG 2.1 A/AA and best practices) and saved as
// screenshots at phone and desktop widths under artifacts/. Run by run.sh, which builds the
// server first.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import {
  TEST_INSTITUTION,
  TEST_TOKEN,
  artifactsDir,
  axeViolations,
  launchBrowser,
  repoRoot,
  screenshots,
  startServer,
} from './harness.mjs';

let server;
let browser;
let page;
/** Console messages about the Content-Security-Policy: our own pages must cause none. */
const cspViolations = [];
/** Script errors of the pages. */
const pageErrors = [];

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.setDefaultTimeout(15_000);
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) {
      cspViolations.push(`${page.url()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

function url(path) {
  return `${server.baseUrl}${path}`;
}

async function expectNoAxeViolations(name) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `axe-core finds WCAG 2.1 A/AA violations on ${name}`);
}

async function resultTotal() {
  const text = await page.locator('#results-heading').innerText();
  const found = text.match(/^(\d+|No) offers? found/);
  assert.ok(found, `the results heading says how many: ${text}`);
  return found[1] === 'No' ? 0 : Number(found[1]);
}

/** The counts of every facet value shown, as `{ "country=DE": 4, ... }`. */
async function facetCounts() {
  return page.evaluate(() => {
    const counts = {};
    for (const input of document.querySelectorAll('fieldset.facet input[type=checkbox]')) {
      const label = document.querySelector(`label[for="${input.id}"] .count`);
      counts[`${input.name}=${input.value}`] = Number(label.textContent.replace(/\D/g, ''));
    }
    return counts;
  });
}

/** Searches with the box and opens the hit whose title is `title`; resolves to its URL. */
async function openCredential(query, title) {
  await page.goto(url(`/?q=${encodeURIComponent(query)}`));
  await page.locator('.hit h3 a', { hasText: new RegExp(`^${title}$`) }).first().click();
  await page.waitForURL(/\/credentials\/[^/]+$/);
  return page.url();
}

test('search: one box, hits with highlighted snippets and their facts', async () => {
  await page.goto(url('/'));
  assert.equal(await page.title(), 'Find micro-credentials · Recognition clearinghouse');
  await page.getByLabel('Search courses and micro-credentials').fill('data');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\?q=data$/);
  assert.ok((await resultTotal()) >= 2, 'data finds several offers');
  const first = page.locator('.hit').first();
  assert.match(await first.locator('h3 a').innerText(), /data/i);
  assert.ok((await page.locator('.snippet b').count()) > 0, 'matches are marked in snippets');
  assert.ok((await first.locator('.facts').innerText()).includes('EQF level'));
  assert.equal(await first.locator('h3 a').getAttribute('lang'), 'en');
  await expectNoAxeViolations('the search page');
  await screenshots(page, 'search');
});

test('facets: ticking a box narrows the results and changes the counts, in place', async () => {
  await page.goto(url('/'));
  const totalBefore = await resultTotal();
  const countsBefore = await facetCounts();
  assert.ok(countsBefore['country=DE'] > 0, 'Germany is a country facet value');
  await page.evaluate(() => {
    window.notReloaded = true;
  });
  await page.getByRole('checkbox', { name: /^Germany/ }).check();
  // The script puts the new state in the address bar with pushState: no navigation.
  await page.waitForFunction(() => window.location.search.includes('country=DE'));
  await page.waitForFunction(
    (before) => !document.querySelector('#results-heading').textContent.startsWith(`${before} `),
    totalBefore,
  );
  const totalAfter = await resultTotal();
  assert.equal(totalAfter, countsBefore['country=DE'], 'the count next to the box was right');
  assert.ok(totalAfter < totalBefore);
  const countsAfter = await facetCounts();
  assert.notDeepEqual(countsAfter, countsBefore, 'the facet counts changed');
  assert.equal(countsAfter['country=FR'], countsBefore['country=FR'], 'values of the same facet are alternatives');
  assert.ok(
    Object.keys(countsAfter).every((key) => !key.startsWith('institution=') || /Demo$/.test(key) || countsAfter[key] <= countsBefore[key]),
  );
  assert.equal(await page.evaluate(() => window.notReloaded), true, 'the script updated the page in place');
  assert.equal(await page.evaluate(() => document.activeElement.id), await page.getByRole('checkbox', { name: /^Germany/ }).getAttribute('id'), 'focus stays on the box');
  assert.ok(await page.getByRole('checkbox', { name: /^Germany/ }).isChecked());
  for (const hit of await page.locator('.hit .country').allInnerTexts()) {
    assert.match(hit, /Germany/);
  }
  // The URL carries the whole state: loading it gives the same page.
  const bookmarked = page.url();
  await page.goto(bookmarked);
  assert.equal(await resultTotal(), totalAfter);
  assert.ok(await page.getByRole('checkbox', { name: /^Germany/ }).isChecked());
  // A range filter and a second facet, sent with the form.
  await page.getByLabel('From', { exact: true }).first().fill('5');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL(/ects_min=5/);
  assert.ok(page.url().includes('country=DE'), 'the facet selection survives the form');
  assert.ok((await resultTotal()) <= totalAfter);
  await expectNoAxeViolations('the search page with filters');
  await screenshots(page, 'search-filtered');
});

test('without the script, the form does it all: tick a facet, apply, sort', async () => {
  const blockScript = (route) => route.abort();
  await page.route('**/static/app.js*', blockScript);
  try {
    await page.goto(url('/'));
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('js')), false);
    const totalBefore = await resultTotal();
    await page.getByRole('checkbox', { name: /^France/ }).check();
    await Promise.all([
      page.waitForURL(/country=FR/),
      page.getByRole('button', { name: 'Apply filters' }).last().click(),
    ]);
    assert.ok((await resultTotal()) < totalBefore, 'the facet narrowed the results');
    assert.ok(await page.getByRole('checkbox', { name: /^France/ }).isChecked());
    // The form sends its empty fields too; the server ignores them.
    assert.match(page.url(), /ects_min=&/);
    await page.getByLabel('Sort by').selectOption('title');
    await Promise.all([page.waitForURL(/sort=title/), page.getByRole('button', { name: 'Sort' }).click()]);
    const titles = await page.locator('.hit h3 a').allInnerTexts();
    // The server sorts by the title's folded words (case, accents and punctuation dropped):
    // "X : niveau avancé" comes before "X – université d'été", as "niveau" before "université".
    const byWords = (a, b) => a.localeCompare(b, 'en', { sensitivity: 'base', ignorePunctuation: true });
    assert.deepEqual(titles, [...titles].sort(byWords), 'sorted by title');
    await expectNoAxeViolations('the search page without script');
  } finally {
    await page.unroute('**/static/app.js*', blockScript);
  }
});

test('keyboard only: skip link, visible focus, search and open a hit', async () => {
  await page.goto(url('/'));
  await page.keyboard.press('Tab');
  const skip = await page.evaluate(() => ({
    text: document.activeElement.textContent,
    outline: getComputedStyle(document.activeElement).outlineStyle,
  }));
  assert.equal(skip.text, 'Skip to content');
  assert.notEqual(skip.outline, 'none', 'focus is visible');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement.id === 'main');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q', 'the search box follows the skip link');
  await page.keyboard.type('security');
  await page.keyboard.press('Enter');
  await page.waitForURL(/q=security/);
  let onHit = false;
  for (let presses = 0; presses < 150 && !onHit; presses += 1) {
    await page.keyboard.press('Tab');
    onHit = await page.evaluate(() => document.activeElement.matches('.hit h3 a'));
  }
  assert.ok(onHit, 'a hit can be reached with Tab');
  assert.notEqual(
    await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle),
    'none',
  );
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/credentials\//);
  assert.match(await page.locator('h1').innerText(), /security/i);
});

test('credential: Annex I elements, outcomes, offers, provenance, completeness, language', async () => {
  const credentialUrl = await openCredential('data science', 'Introduction to Data Science');
  assert.equal(await page.locator('h1').innerText(), 'Introduction to Data Science');
  assert.equal(await page.locator('h1').getAttribute('lang'), 'en');
  // A learner's questions first: what, when, how, how much, language, how to enrol, and
  // what it counts for; the officer's detail is folded below until opened.
  const glance = await page.locator('.glance').innerText();
  for (const question of ['What', 'Next dates', 'How and where', 'Price', 'Taught in', 'How to enrol', 'What it counts for']) {
    assert.ok(glance.includes(question), `${question} at a glance`);
  }
  assert.match(glance, /ECTS/);
  const detail = page.locator('details.officer-detail');
  assert.equal(await detail.getAttribute('open'), null, 'folded for a visitor');
  await detail.locator('summary').click();
  assert.notEqual(await detail.getAttribute('open'), null);
  const terms = await page.locator('dl.elements dt').allInnerTexts();
  for (const element of [
    'Title',
    'Awarding body',
    'Country of the awarding body',
    'Learning outcomes',
    'Workload',
    'EQF level',
    'Type of assessment',
    'Form of participation',
    'Quality assurance',
  ]) {
    assert.ok(terms.includes(element), `${element} is shown`);
  }
  assert.equal(await page.locator('ol.outcomes li').count(), 3);
  assert.ok((await page.locator('.offer').count()) >= 1, 'offers are listed');
  assert.match(await page.locator('.offer').first().innerText(), /Starts/);
  assert.match(await page.locator('.provenance').innerText(), /TUD-MC-DS-101/);
  assert.match(await page.locator('.completeness').innerText(), /9 of 9 mandatory/);
  assert.equal(
    await page.getByRole('link', { name: 'Institution’s website' }).getAttribute('href'),
    'https://www.tu-demo.example/',
  );
  await expectNoAxeViolations('a credential page');
  await screenshots(page, 'credential');

  // A visitor who asks for German gets the German title, marked as German.
  // (The browser's own locale header is replaced on the way out.)
  const askForGerman = (route) =>
    route.continue({
      headers: { ...route.request().headers(), 'accept-language': 'de-DE,de;q=0.9,en;q=0.5' },
    });
  await page.route('**/credentials/**', askForGerman);
  await page.goto(credentialUrl);
  assert.equal(await page.locator('h1').innerText(), 'Einführung in die Datenwissenschaft');
  assert.equal(await page.locator('h1').getAttribute('lang'), 'de');
  // Outcomes without German text fall back to English, marked as English.
  assert.deepEqual(await page.locator('ol.outcomes li').evaluateAll((items) => items.map((li) => li.lang)), ['de', 'en', 'en']);
  await page.unroute('**/credentials/**', askForGerman);

  // An incomplete record says what it lacks.
  await openCredential('art history', 'Art history of Kraków');
  await page.locator('details.officer-detail summary').click();
  assert.match(await page.locator('.completeness').innerText(), /Missing/);
  assert.ok((await page.locator('.completeness ul.missing li').count()) > 0);
  await expectNoAxeViolations('an incomplete credential');
  await screenshots(page, 'credential-incomplete');
});

test('the harvested <script> and onerror stay inert', async () => {
  const dialogs = [];
  const onDialog = (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  };
  page.on('dialog', onDialog);
  await page.goto(url('/?q=cybersecurity'));
  const [response] = await Promise.all([
    page.waitForResponse((r) => /\/credentials\/[^/]+$/.test(r.url())),
    page.locator('.hit h3 a', { hasText: 'Cybersecurity Essentials' }).click(),
  ]);
  await page.waitForLoadState('load');
  await page.waitForTimeout(500);
  assert.deepEqual(dialogs, [], 'no dialog fired');
  const csp = response.headers()['content-security-policy'];
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  const dom = await page.evaluate(() => ({
    scriptsInMain: document.querySelectorAll('main script').length,
    scripts: [...document.scripts].map((script) => script.getAttribute('src')),
    onerror: document.querySelectorAll('[onerror]').length,
    description: document.querySelector('.description')?.textContent ?? '',
  }));
  assert.equal(dom.scriptsInMain, 0, 'no harvested script element');
  assert.deepEqual(
    dom.scripts.map((src) => src && src.split('?')[0]),
    ['/static/app.js'],
    'the only script is ours',
  );
  assert.equal(dom.onerror, 0, 'no event handler attribute');
  assert.match(dom.description, /Threats, defences and secure configuration/);
  await screenshots(page, 'credential-hostile');
  assert.deepEqual(dialogs, [], 'no dialog fired when loaded at phone and desktop widths');
  // The search page shows the same record's snippet escaped, not run.
  await page.goto(url('/?q=firewalls'));
  await page.waitForTimeout(300);
  assert.deepEqual(dialogs, [], 'no dialog fired on the search page');
  await screenshots(page, 'search-hostile');
  assert.deepEqual(dialogs, []);
  page.off('dialog', onDialog);
});

test('equivalents: the credential page leads to candidates', async () => {
  await openCredential('data science', 'Introduction to Data Science');
  await page.getByRole('link', { name: 'Find equivalents' }).click();
  await page.waitForURL(/\/equivalents$/);
  assert.match(await page.locator('h1').innerText(), /^Equivalents of Introduction to Data Science/);
  const candidates = page.locator('.candidate');
  if ((await candidates.count()) > 0) {
    const first = candidates.first();
    assert.equal(await first.locator('.verdicts li').count(), 5, 'five elements with verdicts');
    assert.ok((await first.locator('.badge').count()) >= 5);
    assert.ok((await first.locator('.reason').count()) >= 5, 'each verdict has its reason');
  } else {
    assert.ok(await page.locator('.notice').isVisible(), 'the page says why there are no candidates');
  }
  await expectNoAxeViolations('the equivalents page');
  await screenshots(page, 'equivalents');
});

test('compare: side by side, five verdicts, outcomes aligned', async () => {
  const a = (await openCredential('data science', 'Introduction to Data Science')).split('/').pop();
  await page.goto(url('/?q=data+science&country=FR'));
  await page.locator('.hit h3 a').first().click();
  await page.waitForURL(/\/credentials\//);
  const b = page.url().split('/').pop();
  await page.goto(url(`/compare?a=${a}&b=${b}`));
  assert.equal(await page.locator('.side').count(), 2);
  assert.equal(await page.locator('.compared-element').count(), 5);
  const verdicts = await page.locator('.compared-element .badge').allInnerTexts();
  for (const verdict of verdicts) {
    assert.match(verdict, /Match|Minor difference|Substantial difference|Not known/);
  }
  assert.ok((await page.locator('.aligned .pair').count()) >= 1, 'outcomes are aligned');
  assert.match(
    await page.locator('.summary-box').innerText(),
    /^(No substantial difference found among|Substantial difference:|Not enough information to compare: \d of 5 elements not known)/,
    'the finding says what could be compared',
  );
  await expectNoAxeViolations('the compare page');
  await screenshots(page, 'compare');
  await page.goto(url('/compare'));
  await expectNoAxeViolations('the empty compare form');
});

test('sign in with the institution token, record a decision, see it listed, withdraw it', async () => {
  const target = (await openCredential('data science', 'Introduction to Data Science')).split('/').pop();
  await page.goto(url('/?q=data+science&country=FR'));
  await page.locator('.hit h3 a').first().click();
  await page.waitForURL(/\/credentials\//);
  const credentialUrl = page.url();
  await page.getByRole('link', { name: 'Sign in' }).last().click();
  await page.waitForURL(/\/sign-in\?next=/);
  await expectNoAxeViolations('the sign-in page');
  await screenshots(page, 'sign-in');
  await page.getByLabel('Institution token').fill('not-the-token');
  await page.getByRole('button', { name: 'Sign in' }).click();
  assert.match(await page.getByRole('alert').innerText(), /not valid/);
  await expectNoAxeViolations('the sign-in page with an error');
  await page.getByLabel('Institution token').fill(TEST_TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(credentialUrl);
  const session = (await browser.context.cookies()).find((cookie) => cookie.name === 'ch_session');
  assert.ok(session, 'a session cookie is set');
  assert.equal(session.httpOnly, true);
  assert.equal(session.sameSite, 'Strict');
  assert.match(await page.locator('.site-header').innerText(), /Sign out \(Test Officer, Technical University Demo\)/);
  const form = page.locator('form.decision-form');
  assert.ok(await form.isVisible(), 'the decision form is offered');
  await expectNoAxeViolations('a credential page with the decision form');
  await screenshots(page, 'credential-signed-in');
  // A mistake: credits without a number. The form comes back with an error summary that
  // takes focus, the message beside the field, every answer kept, still signed in.
  await page.getByLabel('Recognised for credits').check();
  await page.getByLabel('Rationale').fill('Same level and outcomes; workload differs by one ECTS.');
  await page.getByRole('button', { name: 'Record decision' }).click();
  await page.waitForLoadState('load');
  const summary = page.locator('.error-summary');
  assert.match(await summary.innerText(), /Say how many ECTS credits are granted/);
  assert.equal(await page.evaluate(() => document.activeElement.className), 'error-summary');
  assert.equal(await page.getByLabel('Rationale').inputValue(), 'Same level and outcomes; workload differs by one ECTS.');
  assert.ok(await page.getByLabel('Recognised for credits').isChecked());
  assert.match(await page.title(), /^Error: /);
  assert.match(await page.locator('.site-header').innerText(), /Sign out/);
  await expectNoAxeViolations('a decision form sent back with an error');
  await screenshots(page, 'decision-form-error');
  await summary.getByRole('link', { name: /ECTS/ }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'ects');
  await page.getByLabel('Equivalent to one of our credentials').check();
  // The equivalent is found by its words as one types, and taken by keyboard.
  const search = page.getByRole('combobox', { name: /^(Another of our credentials|Search our credentials)$/ });
  await search.fill('Introduction to Data Science');
  await page.locator('.target-choice [role=option]').first().waitFor();
  assert.equal(await search.getAttribute('aria-expanded'), 'true');
  await expectNoAxeViolations('the equivalent searched as one types');
  // (A reload would close the list: one screenshot of this state, as it is.)
  await page.screenshot({ path: 'artifacts/decision-target-search.png', fullPage: true });
  await search.press('ArrowDown');
  assert.match(await search.getAttribute('aria-activedescendant'), /-suggestions-0$/);
  await search.press('Enter');
  assert.ok(await page.locator(`input[name=target][value="${target}"]`).isChecked(), 'the equivalent taken is chosen');
  assert.ok(await page.getByLabel('Equivalent to one of our credentials').isChecked());
  assert.equal(await page.evaluate(() => document.activeElement.value), target, 'focus moves to the choice');
  await page.getByLabel('Rationale').fill('Same level and outcomes; workload differs by one ECTS.');
  await page.getByLabel('Conditions (optional)').fill('Only with the project report');
  await page.getByRole('button', { name: 'Record decision' }).click();
  await page.waitForURL(/recorded/);
  assert.match(await page.locator('.notice').innerText(), /recorded/);
  const listed = page.locator('.decisions-section .decision');
  assert.equal(await listed.count(), 1);
  assert.match(await listed.innerText(), /Same level and outcomes/);
  assert.match(await listed.innerText(), /Decided by Technical University Demo/);
  await page.getByRole('link', { name: 'Decisions', exact: true }).click();
  await page.waitForURL(new RegExp(`/institutions/${TEST_INSTITUTION}/decisions$`));
  assert.match(await page.locator('.decision').first().innerText(), /Only with the project report/);
  await expectNoAxeViolations('the decisions of an institution');
  await screenshots(page, 'decisions');
  // The agreement between the two institutions, filtered, as anyone may read it.
  await page.locator('.decision').first().getByRole('link', { name: /^every decision of/ }).click();
  await page.waitForURL(new RegExp(`/agreements/[a-z0-9-]+/${TEST_INSTITUTION}$`));
  assert.match(await page.locator('h1').innerText(), /^Decisions of Technical University Demo about credentials of /);
  assert.equal(await page.locator('.decision').count(), 1);
  await expectNoAxeViolations('an agreement between two institutions');
  await screenshots(page, 'agreement');
  await page.getByLabel('Decision', { exact: true }).selectOption('refused');
  await page.getByRole('button', { name: 'Show decisions' }).click();
  await page.waitForURL(/outcome=refused/);
  assert.equal(await page.locator('.decision').count(), 0);
  assert.match(await page.locator('main').innerText(), /No decision matches/);
  await expectNoAxeViolations('an agreement filtered to nothing');
  await page.goto(url(`/institutions/${TEST_INSTITUTION}/decisions`));
  // The decision's page: its history, and the form to revise it.
  await page.getByRole('link', { name: 'Details and history' }).first().click();
  await page.waitForURL(/\/decisions\/[^/]+$/);
  assert.match(await page.locator('table.history').innerText(), /Recorded/);
  await expectNoAxeViolations('a decision with its history');
  await screenshots(page, 'decision');
  // The page printed as it is: the decision and its history, no navigation or form (the
  // case file for the student's file is its own page, tested below).
  assert.ok(await page.getByRole('link', { name: 'Case file for the student’s file' }).isVisible());
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.site-header nav').isVisible(), false);
  assert.equal(await page.locator('.decision-form').isVisible(), false);
  assert.equal(await page.locator('.case-file-link').isVisible(), false);
  assert.ok(await page.locator('table.history').isVisible());
  await page.screenshot({ path: 'artifacts/decision-print.png', fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  // Withdrawing asks first, with a reason.
  await page.getByRole('link', { name: 'withdraw this decision' }).click();
  await page.waitForURL(/\/withdraw$/);
  await expectNoAxeViolations('the confirmation before withdrawing');
  await page.getByRole('button', { name: 'Withdraw the decision' }).click();
  await page.waitForLoadState('load');
  assert.match(await page.locator('.error-summary').innerText(), /Say why/);
  await expectNoAxeViolations('the confirmation with an error');
  await screenshots(page, 'withdraw-error');
  await page.getByLabel('Why is it withdrawn?').fill('Recorded by mistake: the course does not match.');
  await page.getByRole('button', { name: 'Withdraw the decision' }).click();
  await page.waitForURL(/withdrawn=/);
  assert.match(await page.locator('.notice').innerText(), /withdrawn/);
  assert.match(await page.locator('main').innerText(), /Reason given: Recorded by mistake/);
  await page.goto(credentialUrl);
  assert.match(await page.locator('.decisions-section').innerText(), /No decision about this credential is in force/);
  assert.match(await page.locator('.decisions-section summary').innerText(), /1 withdrawn decision/);
  await expectNoAxeViolations('a credential with a withdrawn decision');
  // The decision recorded where the comparison is, the candidate preselected.
  const held = credentialUrl.split('/').pop();
  await page.goto(url(`/compare?a=${encodeURIComponent(held)}&b=${encodeURIComponent(target)}`));
  assert.ok(await page.getByRole('heading', { name: 'Your decision about A' }).isVisible());
  assert.equal(await page.locator('input[name=target]:checked').inputValue(), target);
  await expectNoAxeViolations('a comparison with the decision form');
  await screenshots(page, 'compare-decide');
  await page.getByLabel('Rationale').fill('Compared side by side: the same outcomes.');
  await page.getByRole('button', { name: 'Record decision' }).click();
  await page.waitForURL(/\/decisions\/[^/?]+\?recorded=1$/);
  assert.match(await page.locator('.notice').innerText(), /recorded/);
  await expectNoAxeViolations('a decision just recorded');
  await page.getByRole('button', { name: /Sign out/ }).click();
  await page.waitForURL(url('/'));
  assert.ok(await page.getByRole('link', { name: 'Sign in' }).isVisible());
});

test('case file: one decision for the student\'s file, at desktop and phone widths, printed on A4', async () => {
  const target = (await openCredential('data science', 'Introduction to Data Science')).split('/').pop();
  await page.goto(url('/?q=data+science&country=FR'));
  await page.locator('.hit h3 a').first().click();
  await page.waitForURL(/\/credentials\//);
  const held = page.url().split('/').pop();
  const recorded = await fetch(url('/api/v1/recognitions'), {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      credential: decodeURIComponent(held),
      outcome: { kind: 'equivalent', target: decodeURIComponent(target) },
      rationale: 'Same level and learning outcomes; checked against both syllabi.',
      decided_on: '2026-11-20',
      conditions: 'With the project report',
      valid_until: '2030-08-31',
    }),
  });
  assert.equal(recorded.status, 201);
  const { id } = await recorded.json();
  // From the decision's page, as anyone may read a public decision.
  await page.goto(url(`/decisions/${id}`));
  await page.getByRole('link', { name: 'Case file for the student’s file' }).click();
  await page.waitForURL(new RegExp(`/decisions/${id}/case-file$`));
  assert.match(await page.locator('h1').innerText(), /^Recognition of /);
  assert.deepEqual(await page.locator('main h2').allInnerTexts(), [
    '1. The decision',
    '2. The credentials',
    '3. The element comparison',
    '4. Precedents',
    '5. Audit trail',
  ]);
  assert.equal(await page.locator('.case-side').count(), 2, 'both credentials');
  assert.equal(await page.locator('.compared-element').count(), 5, 'the five elements');
  assert.match(await page.locator('main').innerText(), /With the project report/);
  assert.match(await page.locator('table.history').innerText(), /Recorded/);
  assert.ok(await page.getByRole('button', { name: 'Print or save as PDF' }).isVisible());
  for (const [label, width, height] of [
    ['desktop', 1280, 900],
    ['phone', 390, 844],
  ]) {
    await page.setViewportSize({ width, height });
    await expectNoAxeViolations(`the case file at ${label} width`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `nothing wider than the ${label} screen (${overflow} px too wide)`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshots(page, 'case-file');
  // The machine-readable case file, linked for download.
  const jsonHref = await page.getByRole('link', { name: 'Download as JSON' }).getAttribute('href');
  const file = await (await fetch(url(jsonHref))).json();
  assert.equal(file.format, 'clearinghouse-case-file');
  assert.equal(file.decision.id, id);
  assert.equal(file.comparison.elements.length, 5);
  // Printed: no navigation, buttons or links to act on, the credentials side by side.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.site-header').isVisible(), false);
  assert.equal(await page.locator('.site-footer').isVisible(), false);
  assert.equal(await page.locator('.case-file-actions').isVisible(), false);
  assert.ok(await page.locator('.case-sides').isVisible());
  const [a, b] = await page.locator('.case-side').evaluateAll((sides) => sides.map((side) => side.getBoundingClientRect()));
  assert.equal(Math.round(a.top), Math.round(b.top), 'side by side on paper');
  await expectNoAxeViolations('the case file as printed');
  await page.screenshot({ path: 'artifacts/case-file-print.png', fullPage: true });
  const pdf = await page.pdf({ path: 'artifacts/case-file.pdf', preferCSSPageSize: true, printBackground: false });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
  assert.ok(pages.length >= 1 && pages.length <= 4, `a case file of a few A4 pages, not ${pages.length}`);
  await page.emulateMedia({ media: 'screen' });
});

test('recognise: the credential held is found by its words, by keyboard, then its equivalents', async () => {
  await page.goto(url('/'));
  await page.getByRole('link', { name: 'Recognise' }).click();
  await page.waitForURL(/\/recognise$/);
  await expectNoAxeViolations('the start of a recognition');
  await page.getByLabel('Which credential does the student hold?').fill('data science');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/recognise\?q=data/);
  assert.ok((await page.locator('ol.found li').count()) > 0, 'credentials are found');
  await expectNoAxeViolations('credentials found by their words');
  await screenshots(page, 'recognise');
  await page.locator('ol.found li a').first().focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/equivalents$/);
  assert.match(await page.locator('h1').innerText(), /^Equivalents of /);
  // As one types, the credentials that match are listed under the field; the arrow keys
  // reach one and Enter opens its equivalents.
  await page.goto(url('/recognise'));
  const held = page.getByRole('combobox', { name: 'Which credential does the student hold?' });
  await held.pressSequentially('data sci', { delay: 30 });
  const options = page.getByRole('option');
  await options.first().waitFor();
  assert.ok((await options.count()) <= 8, 'a short list');
  await expectNoAxeViolations('credentials listed as one types');
  await page.screenshot({ path: 'artifacts/recognise-as-you-type.png' });
  await held.press('ArrowDown');
  await held.press('ArrowDown');
  await held.press('ArrowUp');
  assert.equal(await options.first().getAttribute('aria-selected'), 'true');
  await held.press('Escape');
  assert.equal(await held.getAttribute('aria-expanded'), 'false');
  await held.press('ArrowDown');
  await held.press('Enter');
  await page.waitForURL(/\/equivalents$/);
  assert.match(await page.locator('h1').innerText(), /^Equivalents of /);
  // A title typed on the comparison page offers a choice instead of a 404.
  await page.goto(url('/compare?a=data+science&b=x'));
  assert.match(await page.locator('main').innerText(), /Which credential is A\?/);
  await expectNoAxeViolations('a comparison asking which credential was meant');
});

/**
 * A real credential file of the shared folder (`CLEARINGHOUSE_SHARED_DIR`, as CI sets it,
 * relative to the repository root), or null when the folder was not opted in.
 */
function sharedFixture(relative) {
  const shared = process.env.CLEARINGHOUSE_SHARED_DIR;
  if (!shared) {
    return null;
  }
  return path.resolve(repoRoot, shared, 'fixtures', relative);
}

/** axe-core at phone and at desktop width, the page as it is (a POST answer is not sent again). */
async function expectNoAxeViolationsAtBothWidths(name) {
  const original = page.viewportSize();
  for (const [label, width, height] of [
    ['phone', 390, 844],
    ['desktop', 1280, 900],
  ]) {
    await page.setViewportSize({ width, height });
    await expectNoAxeViolations(`${name} (${label})`);
    await page.screenshot({ path: path.join(artifactsDir, `${name.replace(/\W+/g, '-')}-${label}.png`), fullPage: true });
  }
  if (original) {
    await page.setViewportSize(original);
  }
}

test('the student brought a file: a real ELM credential uploaded, compared, decided; not harvested', async (t) => {
  const elmPath = sharedFixture('elm/elm3-edc-microcredential-annex1-unsigned.jsonld');
  if (!elmPath) {
    t.skip('CLEARINGHOUSE_SHARED_DIR is not set: the real ELM and Open Badges files were not asked for');
    return;
  }
  mkdirSync(artifactsDir, { recursive: true });
  await page.goto(url(`/sign-in?next=${encodeURIComponent('/recognise')}`));
  await page.getByLabel('Institution token').fill(TEST_TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/recognise$/);
  await page.getByRole('link', { name: 'The student brought a credential file?' }).click();
  await page.waitForURL(/\/recognise\/upload$/);
  await expectNoAxeViolationsAtBothWidths('the upload form');
  // Nothing chosen: the form says so, focus on the summary, which links to the field.
  await page.getByRole('button', { name: 'Read the credential' }).click();
  await page.waitForLoadState('load');
  const summary = page.locator('.error-summary');
  assert.match(await summary.innerText(), /Choose the credential file, or paste its text/);
  assert.equal(await page.evaluate(() => document.activeElement.className), 'error-summary');
  assert.match(await page.title(), /^Error: /);
  await expectNoAxeViolationsAtBothWidths('the upload form with an error');
  await summary.getByRole('link').first().click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'file');
  // The real file: read as ELM, marked as not harvested.
  await page.getByLabel('Credential file').setInputFiles(elmPath);
  await page.getByRole('button', { name: 'Read the credential' }).click();
  await page.waitForURL(/\/credentials\/upload\.[0-9a-f]{20}\?uploaded=1$/);
  const held = page.url().match(/\/credentials\/(upload\.[0-9a-f]{20})/)[1];
  assert.equal(await page.locator('h1').innerText(), 'Digital micro-credential creation');
  assert.match(await page.locator('.not-harvested').innerText(), /Not harvested — uploaded file, issuer claimed, not verified\./);
  assert.match(await page.locator('.provenance').innerText(), /sha256-[0-9a-f]{64}/);
  assert.match(await page.locator('.issuer').first().innerText(), /University of Zed/);
  await expectNoAxeViolationsAtBothWidths('an uploaded credential');
  // Its equivalents at the officer's institution.
  await page.getByRole('link', { name: 'Find equivalents' }).click();
  await page.waitForURL(/\/equivalents$/);
  assert.match(await page.locator('.issuer').first().innerText(), /University of Zed \(unverified claim\)/);
  assert.match(await page.locator('#institution').inputValue(), new RegExp(`^${TEST_INSTITUTION}$`));
  await expectNoAxeViolationsAtBothWidths('the equivalents of an uploaded credential');
  // Compared with a credential chosen by its words, and decided there.
  await page.goto(url(`/compare?a=${held}&b=${encodeURIComponent('Introduction to Data Science')}`));
  await page.locator('ol.found li a', { hasText: /^Introduction to Data Science$/ }).first().click();
  await page.waitForURL(/\/compare\?a=upload\./);
  assert.ok(await page.getByRole('heading', { name: 'Your decision about A' }).isVisible());
  await expectNoAxeViolationsAtBothWidths('an uploaded credential compared, with the decision form');
  await page.getByLabel('Recognised for credits').check();
  await page.getByLabel('ECTS credits granted (for credits)').fill('2');
  await page.getByLabel('Rationale').fill('A different subject: 2 ECTS of elective credit. Issuer to be confirmed.');
  await page.getByRole('button', { name: 'Record decision' }).click();
  await page.waitForURL(/\/decisions\/[^/?]+\?recorded=1$/);
  const decision = page.locator('main');
  assert.match(await decision.innerText(), /Not harvested/);
  assert.match(await decision.innerText(), /issuer claimed, not verified: University of Zed/);
  await expectNoAxeViolationsAtBothWidths('a decision about an uploaded credential');
});

test('the student brought a file: an Open Badge 3 pasted by keyboard only, read-only for a learner', async (t) => {
  const badgePath = sharedFixture('open-badges/obv3-microcredential-openbadgecredential-mynextid.json');
  if (!badgePath) {
    t.skip('CLEARINGHOUSE_SHARED_DIR is not set: the real ELM and Open Badges files were not asked for');
    return;
  }
  const badge = readFileSync(badgePath, 'utf8');
  // A learner: not signed in.
  await browser.context.clearCookies();
  await page.goto(url('/recognise'));
  await page.getByRole('link', { name: 'The student brought a credential file?' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/recognise\/upload$/);
  // Keyboard only: from the file field, Tab to the text box, paste, Tab to the format,
  // Tab to the button, Enter.
  await page.getByLabel('Credential file').focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'pasted');
  await page.keyboard.insertText(badge);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'format');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Read the credential');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/credentials\/upload\.[0-9a-f]{20}\?uploaded=1$/);
  assert.equal(await page.locator('h1').innerText(), 'Data Science Fundamentals');
  assert.match(await page.locator('.not-harvested').innerText(), /an Open Badges 3\.0 credential/);
  assert.equal(await page.locator('form.decision-form').count(), 0, 'a learner reads, and does not decide');
  await expectNoAxeViolationsAtBothWidths('an uploaded Open Badge, for a learner');
  await page.getByRole('link', { name: 'Find equivalents' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/equivalents$/);
  const compare = page.getByRole('link', { name: /^Compare side by side/ }).first();
  assert.ok((await page.locator('li.candidate').count()) > 0, 'data science courses are candidates');
  await expectNoAxeViolationsAtBothWidths('the equivalents of an uploaded Open Badge');
  await compare.focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/compare\?a=upload\./);
  assert.equal(await page.locator('form.decision-form').count(), 0);
  await expectNoAxeViolationsAtBothWidths('an uploaded Open Badge compared, for a learner');
  // Broken JSON that claims to be an Open Badge: said in plain words, the text kept.
  await page.goto(url('/recognise/upload'));
  await page.getByLabel('Or paste its text').fill(badge.slice(0, 400));
  await page.getByRole('button', { name: 'Read the credential' }).click();
  await page.waitForLoadState('load');
  assert.match(
    await page.locator('.error-summary').innerText(),
    /This looks like an Open Badges 3\.0 credential, but it cannot be read as one: not valid JSON/,
  );
  assert.equal(await page.getByLabel('Or paste its text').inputValue(), badge.slice(0, 400), 'the pasted text is kept');
  await expectNoAxeViolationsAtBothWidths('a pasted Open Badge that cannot be read');
  // What this browser uploaded is listed, and forgotten on request.
  assert.ok((await page.locator('#held-heading').count()) === 1);
  await page.getByRole('button', { name: 'Forget them now' }).click();
  await page.waitForURL(/forgotten=1$/);
  assert.equal(await page.locator('#held-heading').count(), 0);
  await expectNoAxeViolationsAtBothWidths('the upload form after forgetting');
});

/** Presses Tab until the focused element matches `selector` (at most `max` times). */
async function tabTo(selector, max = 200) {
  for (let presses = 0; presses < max; presses += 1) {
    if (await page.evaluate((wanted) => document.activeElement && document.activeElement.matches(wanted), selector)) {
      return;
    }
    await page.keyboard.press('Tab');
  }
  assert.fail(`${selector} cannot be reached with Tab`);
}

test('keyboard only, on a phone: sign in, find the credential held, its equivalents, compare, decide', async () => {
  await browser.context.clearCookies();
  const original = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await page.goto(url('/sign-in?next=%2Frecognise'));
    await tabTo('#token');
    await page.keyboard.type(TEST_TOKEN);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/recognise$/);
    // The credential held, found as one types and taken with the arrow keys.
    await tabTo('#q');
    await page.keyboard.type('data science', { delay: 20 });
    await page.getByRole('option').first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/equivalents$/);
    assert.match(await page.locator('#institution').inputValue(), new RegExp(`^${TEST_INSTITUTION}$`), 'candidates at her institution');
    await expectNoAxeViolationsAtBothWidths('equivalents reached by keyboard');
    // The best candidate, side by side.
    await tabTo('.candidate a[href^="/compare"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/compare\?/);
    assert.ok(await page.getByRole('heading', { name: 'Your decision about A' }).isVisible());
    assert.ok(await page.locator('input[name=target]:checked').count() === 1, 'the candidate is preselected');
    // The decision, on the comparison: a mistake first (no rationale), then put right.
    await tabTo('#ects');
    await tabTo('button[type=submit]:not(.visually-hidden):not([name])');
    assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Record decision');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/credentials\/[^/]+\/decisions$/);
    await page.waitForFunction(() => document.activeElement && document.activeElement.className === 'error-summary');
    await expectNoAxeViolationsAtBothWidths('a comparison whose decision came back with an error');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'rationale', 'the summary leads to the field');
    await page.keyboard.type('Same outcomes, level and workload, compared side by side.');
    await tabTo('button[type=submit]:not(.visually-hidden):not([name])');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/decisions\/[^/?]+\?recorded=1$/);
    assert.match(await page.locator('.notice').innerText(), /recorded/);
    assert.match(await page.locator('main').innerText(), /Same outcomes, level and workload/);
    await expectNoAxeViolationsAtBothWidths('a decision recorded by keyboard');
  } finally {
    if (original) {
      await page.setViewportSize(original);
    }
    await browser.context.clearCookies();
  }
});

test('a learner on a phone, keyboard only: EQF and price filters, what they leave out, sort by start', async () => {
  const original = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await page.goto(url('/'));
    const everything = await resultTotal();
    // On a phone the filters are folded under their summary.
    if ((await page.locator('#filters').getAttribute('open')) === null) {
      await tabTo('#filters > summary');
      await page.keyboard.press('Enter');
    }
    await tabTo('#eqf_min');
    await page.keyboard.type('6');
    await tabTo('#cost_max');
    await page.keyboard.type('1000');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.search.includes('eqf_min=6') && location.search.includes('cost_max=1000'));
    const filtered = await resultTotal();
    assert.ok(filtered < everything, 'the filters narrowed the results');
    // Offers without an EQF level are not silently gone: the page says how many.
    const notice = page.locator('.unstated', { hasText: 'EQF level' });
    const said = await notice.innerText();
    const count = Number(said.match(/Not stated by (\d+) offers?: EQF level\./)?.[1]);
    assert.ok(count > 0, `the notice counts them: ${said}`);
    await expectNoAxeViolationsAtBothWidths('a search whose filters leave offers out');
    await page.setViewportSize({ width: 390, height: 844 });
    await tabTo('.unstated a[href*="include_unstated=eqf_level"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.search.includes('include_unstated=eqf_level'));
    assert.equal(await resultTotal(), filtered + count, 'shown too: exactly those');
    assert.match(await page.locator('.unstated', { hasText: 'EQF level' }).innerText(), /Shown too/);
    // Sorted by the next start: the first hit starts soonest and says when.
    await tabTo('#sort');
    await page.keyboard.type('Starting');
    if (!(await page.evaluate(() => location.search.includes('sort=start')))) {
      await page.keyboard.press('Enter');
    }
    await page.waitForFunction(() => location.search.includes('sort=start'));
    assert.match(await page.locator('.hit').first().locator('.facts').innerText(), /Next start/);
    await expectNoAxeViolationsAtBothWidths('a search sorted by the next start');
  } finally {
    if (original) {
      await page.setViewportSize(original);
    }
  }
});

test('a learner on a phone, keyboard only: a portfolio, an institution, Match / Maybe / Miss, printed', async () => {
  await browser.context.clearCookies();
  const original = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await page.goto(url('/portfolio'));
    assert.match(await page.locator('main').innerText(), /Your portfolio is empty/);
    await expectNoAxeViolationsAtBothWidths('the empty portfolio');
    await page.setViewportSize({ width: 390, height: 844 });
    // Two credentials, each found by its words and added from its page by keyboard.
    for (const words of ['data science', 'security']) {
      await page.goto(url('/'));
      await tabTo('#q');
      await page.keyboard.type(words);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => location.search.includes('q='));
      await tabTo('.hit h3 a');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/credentials\/[^/?]+$/);
      await tabTo('form[action="/portfolio"] button');
      assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Add to my portfolio');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/portfolio$/);
    }
    assert.match(await page.locator('#items-heading').innerText(), /^2 credentials in your portfolio/);
    // The institution where they should count, chosen and asked about by keyboard.
    await tabTo('#institution');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const chosen = await page.locator('#institution').inputValue();
    assert.notEqual(chosen, '', 'an institution is chosen');
    await tabTo('button[type="submit"]:not(.secondary)');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/portfolio\?institution=/);
    const items = page.locator('.portfolio-item');
    assert.equal(await items.count(), 2);
    for (let i = 0; i < 2; i += 1) {
      assert.match(await items.nth(i).locator('.badge').innerText(), /Match|Maybe|Miss/);
    }
    assert.match(await page.locator('main').innerText(), /only the institution decides/);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'nothing wider than the phone');
    assert.match(await page.locator('.portfolio-totals').innerText(), /ECTS credits in your portfolio\s+\d/);
    await expectNoAxeViolationsAtBothWidths('a portfolio answered for an institution');
    await screenshots(page, 'portfolio');
    // Its download keeps the institution asked about.
    assert.match(await page.getByRole('link', { name: 'Download as JSON' }).getAttribute('href'), new RegExp(`institution=${encodeURIComponent(chosen)}`));
    // Printed: the answers without the forms and buttons.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('form[action="/portfolio"][method="get"]').isVisible(), false);
    assert.equal(await page.getByRole('button', { name: 'Empty my portfolio' }).isVisible(), false);
    assert.equal(await items.first().isVisible(), true);
    await page.emulateMedia({ media: 'screen' });
    // One removed by keyboard; the institution stays chosen.
    await tabTo('.portfolio-item button');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('.portfolio-item').length === 1);
    assert.match(page.url(), /institution=/);
  } finally {
    await page.emulateMedia({ media: 'screen' });
    if (original) {
      await page.setViewportSize(original);
    }
    await browser.context.clearCookies();
  }
});

test('sources: one table, each source its page: history, feed quality, a file checked, harvest now', async () => {
  await browser.context.clearCookies();
  await page.goto(url('/sources'));
  assert.equal(await page.locator('table.sources-index tbody tr').count(), 3);
  await expectNoAxeViolations('the sources index');
  await screenshots(page, 'sources');
  await page.getByRole('link', { name: 'Technical University Demo' }).click();
  await page.waitForURL(/\/sources\/demo-tu$/);
  const main = page.locator('main');
  assert.match(await main.innerText(), /0 0 3 \* \* \*/);
  assert.match(await main.innerText(), /succeeded|partly succeeded/);
  assert.equal(await page.locator('table.report tbody tr').count(), 11);
  assert.ok((await page.locator('table.runs tbody tr').count()) >= 1, 'the run history');
  assert.equal(await page.getByRole('button', { name: 'Harvest now' }).count(), 0, 'not before signing in');
  await expectNoAxeViolationsAtBothWidths('a source page');
  await screenshots(page, 'source');
  // A publisher checks a file before publishing it: the report on the page.
  const feed = path.join(mkdtempSync(path.join(tmpdir(), 'check-')), 'mine.json');
  writeFileSync(feed, JSON.stringify([{ id: 'a', title: { en: 'Data literacy' } }]));
  await page.getByLabel('Feed file').setInputFiles(feed);
  await page.getByRole('button', { name: 'Check the file' }).click();
  await page.waitForLoadState('load');
  assert.match(await page.locator('.check-result').innerText(), /Checked: mine\.json/);
  assert.match(await page.locator('.check-result').innerText(), /Warning/);
  await expectNoAxeViolations('a source page with a file checked');
  // The institution's officer harvests now.
  await page.goto(url('/sign-in?next=%2Fsources%2Fdemo-tu'));
  await page.getByLabel('Institution token').fill(TEST_TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/sources\/demo-tu$/);
  assert.equal(await page.getByRole('heading', { name: 'Check my endpoint' }).count(), 1);
  await page.getByRole('button', { name: 'Harvest now' }).click();
  await page.waitForURL(/\/sources\/demo-tu\?(started|running)$/);
  assert.match(await page.locator('.notice').first().innerText(), /harvest/i);
  await expectNoAxeViolations('a source page for its officer');
  await browser.context.clearCookies();
});

test('an unknown credential is a 404 page that passes axe', async () => {
  const response = await page.goto(url('/credentials/demo-tu.ffffffffffffffffffff'));
  assert.equal(response.status(), 404);
  assert.equal(await page.locator('h1').innerText(), 'Not found');
  await expectNoAxeViolations('the 404 page');
  await screenshots(page, 'not-found');
});

test('languages: Accept-Language alone gives Polish; English pages stay English without it', async () => {
  // A browser set up in Polish asks for Polish in Accept-Language on every request.
  const polish = await launchBrowser({ locale: 'pl-PL' });
  try {
    const inPolish = polish.context.pages()[0] ?? (await polish.context.newPage());
    await inPolish.goto(url('/'));
    assert.equal(await inPolish.locator('html').getAttribute('lang'), 'pl');
    assert.equal(await inPolish.locator('h1').innerText(), 'Znajdź mikropoświadczenia');
    assert.equal(await inPolish.title(), 'Znajdź mikropoświadczenia · Centrum uznawania');
    assert.match(await inPolish.locator('#results-heading').innerText(), /^Znaleziono \d+ ofert/);
    const current = inPolish.locator('nav.languages a[aria-current="true"]');
    assert.equal(await current.innerText(), 'Polski');
    assert.equal(await current.getAttribute('lang'), 'pl');
    assert.equal(await current.getAttribute('hreflang'), 'pl');
    // The browser's choice is not kept: no cookie is set for it.
    assert.equal((await polish.context.cookies()).some((cookie) => cookie.name === 'lang'), false);
    const violations = await axeViolations(inPolish);
    assert.deepEqual(violations, [], 'axe-core finds WCAG 2.1 A/AA violations on the search page in Polish');
    // A language chosen here beats the browser's: ?lang=fr, then the cookie.
    await inPolish.goto(url('/?lang=fr'));
    assert.equal(await inPolish.locator('html').getAttribute('lang'), 'fr');
    await inPolish.goto(url('/sources'));
    assert.equal(await inPolish.locator('html').getAttribute('lang'), 'fr');
  } finally {
    await polish.close();
  }
  await browser.context.clearCookies();
  await page.goto(url('/'));
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal(await page.locator('h1').innerText(), 'Find micro-credentials');
});

test('languages: ?lang=fr chooses French and the cookie keeps it; the switcher keeps the page and its query', async () => {
  await browser.context.clearCookies();
  await page.goto(url('/?q=data&lang=fr'));
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  assert.equal(await page.locator('h1').innerText(), 'Trouver des microcertifications');
  assert.equal(await page.locator('#q').inputValue(), 'data', 'the search is the same, lang is not a search parameter here');
  const cookie = (await browser.context.cookies()).find((c) => c.name === 'lang');
  assert.equal(cookie?.value, 'fr');
  // Another page, without the parameter: still French.
  await page.goto(url('/sources'));
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  assert.equal(await page.locator('h1').innerText(), 'Sources et qualité des flux');
  // Each switcher entry is this page in that language, named in its own language.
  await page.goto(url('/?q=data'));
  const names = await page.locator('nav.languages a').allInnerTexts();
  assert.deepEqual(names, ['English', 'Deutsch', 'Français', 'Polski', 'Italiano', 'Español']);
  assert.equal(await page.locator('nav.languages a[lang="it"]').getAttribute('href'), '/?q=data&lang=it');
});

test('languages: German chosen with the switcher, kept by the cookie; every page passes axe in German', async () => {
  await browser.context.clearCookies();
  await page.goto(url('/?q=data+science'));
  await page.locator('nav.languages a[hreflang="de"]').click();
  await page.waitForURL(/lang=de/);
  assert.equal(await page.locator('html').getAttribute('lang'), 'de');
  assert.equal(await page.locator('nav.languages a[aria-current="true"]').innerText(), 'Deutsch');
  assert.match(await page.locator('#results-heading').innerText(), /^\d+ Angebote? gefunden/);
  assert.equal(await page.getByRole('button', { name: 'Suchen', exact: true }).count(), 1);
  await expectNoAxeViolations('the search page in German');
  await screenshots(page, 'search-de');
  // The cookie keeps German on the next page, reached by a plain link.
  await page.locator('.hit h3 a').first().click();
  await page.waitForURL(/\/credentials\/[^/?]+$/);
  assert.equal(await page.locator('html').getAttribute('lang'), 'de');
  const credential = page.url();
  const id = credential.split('/').pop();
  const pages = [
    ['the credential', credential],
    ['its equivalents', `${credential}/equivalents`],
    ['the comparison', `/compare?a=${encodeURIComponent(id)}`],
    ['recognise', '/recognise'],
    ['the upload form', '/recognise/upload'],
    ['sources', '/sources'],
    ['a source', '/sources/demo-tu'],
    ['the publishing guide', '/docs/publishing'],
    ['sign-in', '/sign-in'],
    ['the portfolio', '/portfolio'],
    ['a 404', '/credentials/demo-tu.ffffffffffffffffffff'],
    ['a page nobody serves', '/no-such-page'],
  ];
  for (const [name, path] of pages) {
    await page.goto(path.startsWith('http') ? path : url(path));
    assert.equal(await page.locator('html').getAttribute('lang'), 'de', `${name} is in German`);
    await expectNoAxeViolations(`${name} in German`);
  }
  await page.goto(url('/credentials/demo-tu.ffffffffffffffffffff'));
  assert.equal(await page.locator('h1').innerText(), 'Nicht gefunden');
  // Signed in, the officer's pages too.
  await page.goto(url('/sign-in'));
  assert.equal(await page.locator('h1').innerText(), 'Anmelden');
  await page.getByLabel('Token der Einrichtung').fill(TEST_TOKEN);
  await page.getByLabel('Token der Einrichtung').press('Enter');
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  assert.equal(await page.locator('html').getAttribute('lang'), 'de');
  await page.goto(url(`/institutions/${TEST_INSTITUTION}/decisions`));
  assert.match(await page.locator('h1').innerText(), /^Anerkennungsentscheidungen von /);
  await expectNoAxeViolations('the decisions of an institution in German');
  const decision = await page.locator('a[href^="/decisions/"]').first().getAttribute('href');
  if (decision) {
    const decisionPath = decision.split('#')[0];
    for (const [name, path] of [
      ['a decision', decisionPath],
      ['its case file', `${decisionPath}/case-file`],
    ]) {
      await page.goto(url(path));
      assert.equal(await page.locator('html').getAttribute('lang'), 'de', `${name} is in German`);
      await expectNoAxeViolations(`${name} in German`);
    }
  }
  await page.goto(url(`${new URL(credential).pathname}/equivalents`));
  await expectNoAxeViolations('equivalents with the decision form in German');
  await page.goto(url(`/compare?a=${encodeURIComponent(id)}`));
  await expectNoAxeViolations('the comparison, signed in, in German');
  // The decision form on the credential's page, in German, and its errors too.
  await page.goto(credential);
  assert.ok(await page.getByRole('group', { name: 'Entscheidung' }).isVisible());
  await page.getByRole('button', { name: 'Entscheidung erfassen' }).last().click();
  await page.waitForLoadState('load');
  assert.equal(await page.locator('html').getAttribute('lang'), 'de');
  assert.match(await page.locator('.error-summary h2').innerText(), /^Ihre Entscheidung enthält einen Fehler/);
  assert.match(await page.locator('.error-summary').innerText(), /Wählen Sie, was entschieden wurde/);
  await expectNoAxeViolations('the decision form sent back with errors, in German');
  // Its switcher leads to the credential's page, not to the form's address.
  assert.equal(
    await page.locator('nav.languages a[hreflang="fr"]').getAttribute('href'),
    `${new URL(credential).pathname}?lang=fr`,
  );
  // Back to English for what follows: the switcher again.
  await page.locator('nav.languages a[hreflang="en"]').click();
  await page.waitForURL(/lang=en/);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await browser.context.clearCookies();
});

test('no page broke its own Content-Security-Policy or threw a script error', () => {
  assert.deepEqual(cspViolations, []);
  assert.deepEqual(pageErrors, []);
});
