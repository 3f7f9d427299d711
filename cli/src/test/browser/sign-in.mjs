// Signs in to Bulwark through the dev Keycloak in a real browser (Debian's chromium driven by playwright-core), then
// checks what the browser holds: the session cookie (HttpOnly, never an IdP token), /auth/web/me, an API call with the
// cookie, logout. Run by DevIdpBrowserTests; by hand:
//   BULWARK_APP_URL=http://localhost:8080 BULWARK_IDP_USER=alice@example.com \
//   BULWARK_IDP_PASSWORD="$(cat data/dev/secrets/idp-alice.password)" node sign-in.mjs
// BULWARK_BROWSER_MODE=keycloak-only (with BULWARK_IDP_URL) signs in to Keycloak's account console instead: the IdP
// half alone, for when the service does not run.
// Exit status 0 when every check passes; otherwise 1 with the failed check on stderr.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined || value === '') fail(`${name} is not set`);
  return value;
};
function fail(message) {
  throw new Error(message);
}
const check = (condition, message) => condition || fail(message);

const SESSION_COOKIE = '__Host-bulwark-session';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
const TIMEOUT = 60_000;

async function signInAtKeycloak(page, user, password) {
  await page.waitForSelector('#username', { timeout: TIMEOUT }).catch(() =>
    fail(`no Keycloak login form at ${page.url()}`));
  await page.fill('#username', user);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation({ timeout: TIMEOUT }), page.click('#kc-login')]);
  const error = await page.$('#input-error, .kc-feedback-text, #kc-error-message');
  check(!error, `Keycloak refused the sign-in at ${page.url()}: ${error && (await error.innerText()).trim()}`);
}

async function keycloakOnly(page, user, password) {
  const idp = env('BULWARK_IDP_URL');
  await page.goto(`${idp}/realms/bulwark/account`, { timeout: TIMEOUT });
  await signInAtKeycloak(page, user, password);
  await page.waitForURL(url => url.pathname.startsWith('/realms/bulwark/account'), { timeout: TIMEOUT });
  const cookies = await page.context().cookies(`${idp}/realms/bulwark/`); // Keycloak's cookies have that path
  check(cookies.some(c => c.name === 'KEYCLOAK_IDENTITY'), `no Keycloak session after signing in: ${page.url()}`);
  console.log(`signed in to Keycloak's account console as ${user}`);
}

async function throughBulwark(page, app, user, password) {
  const setCookies = [];
  page.on('response', async response => {
    if (new URL(response.url()).pathname === '/auth/web/callback') {
      setCookies.push(...(await response.headerValues('set-cookie')));
    }
  });
  const started = Date.now();
  const login = await page.goto(`${app}/auth/web/login?provider=keycloak&return_to=/auth/web/me`, { timeout: TIMEOUT });
  check(login.url() !== `${app}/auth/web/login` || login.status() < 400,
    `GET /auth/web/login answered ${login.status()}: is the service's OIDC configured?`);
  await signInAtKeycloak(page, user, password);
  await page.waitForURL(`${app}/auth/web/me`, { timeout: TIMEOUT }).catch(() =>
    fail(`not back on ${app}/auth/web/me after signing in, but on ${page.url()}`));
  // Login page, Keycloak's form filled and sent, callback, /auth/web/me rendered: what a person waits for, minus typing.
  console.log(`sign-in round trip: ${Date.now() - started} ms`);
  // All of the profile's cookies, unfiltered by URL: a cookie the URL filter leaves out is not a refused cookie.
  const cookie = (await page.context().cookies()).find(c => c.name === SESSION_COOKIE);
  check(cookie, `the browser holds no ${SESSION_COOKIE} cookie for ${app}; the callback set: `
    + `${JSON.stringify(setCookies)} (Chromium refuses a Secure cookie it does not consider sent over a secure `
    + 'connection, and a __Host- cookie without Secure, Path=/ or with a Domain)');
  check(cookie.httpOnly, `${SESSION_COOKIE} is not HttpOnly`);
  check(cookie.secure, `${SESSION_COOKIE} is not Secure`);
  check(cookie.sameSite === 'Lax', `${SESSION_COOKIE} is SameSite=${cookie.sameSite}, not Lax`);

  const landing = await page.locator('body').innerText();
  check(landing.includes(user), `the /auth/web/me page after sign-in is not ${user}'s: ${landing}`);
  // The service's JSON responses carry CSP default-src 'none', so scripts cannot fetch from them: the calls run from
  // a page of the service's origin that stands in for a front end (served by this script, not by the service).
  const frontEnd = `${app}/__sign-in-check`;
  await page.route(frontEnd, route => route.fulfill({
    contentType: 'text/html', body: '<!doctype html><title>front end</title><p>stand-in for a front end</p>',
  }));
  await page.goto(frontEnd, { timeout: TIMEOUT });
  const seen = await page.evaluate(async () => {
    const call = async (path, init) => {
      const response = await fetch(path, { credentials: 'same-origin', ...init });
      const text = await response.text();
      return { status: response.status, text };
    };
    const me = await call('/auth/web/me');
    const token = me.status === 200 ? JSON.parse(me.text).csrfToken : undefined;
    const api = await call('/api/v1/me');
    const storage = JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage });
    const cookies = document.cookie;
    const logout = await call('/auth/web/logout', { method: 'POST', headers: { 'X-CSRF-Token': token ?? '' } });
    const after = await call('/auth/web/me');
    return { me, api, storage, cookies, logout, after };
  });
  check(seen.me.status === 200, `GET /auth/web/me answered ${seen.me.status}: ${seen.me.text}`);
  const me = JSON.parse(seen.me.text);
  check(me.user?.email === user, `/auth/web/me is not ${user}'s: ${seen.me.text}`);
  check(me.user.roles?.includes('ADMIN'), `${user} does not have role ADMIN: ${seen.me.text}`);
  check(typeof me.csrfToken === 'string' && me.csrfToken.length > 0, `/auth/web/me has no csrfToken: ${seen.me.text}`);
  for (const [where, text] of [['document.cookie', seen.cookies], ['localStorage/sessionStorage', seen.storage],
    ['the /auth/web/me body', seen.me.text], ['the page after sign-in', landing]]) {
    check(!text.includes('eyJ'), `an IdP token (eyJ...) is visible to scripts in ${where}`);
  }
  check(!seen.cookies.includes(SESSION_COOKIE), `${SESSION_COOKIE} is visible in document.cookie`);
  check(seen.api.status === 200, `GET /api/v1/me with the session cookie answered ${seen.api.status}: ${seen.api.text}`);
  check(seen.api.text.includes(user), `GET /api/v1/me is not ${user}'s: ${seen.api.text}`);
  check(seen.logout.status === 200, `POST /auth/web/logout answered ${seen.logout.status}: ${seen.logout.text}`);
  check(seen.after.status === 401, `GET /auth/web/me after logout answered ${seen.after.status}: ${seen.after.text}`);
  console.log(`signed in as ${user} through Keycloak: session cookie HttpOnly, /auth/web/me, /api/v1/me, logout, `
    + '401 after: all as expected');
}

const profile = mkdtempSync(join(tmpdir(), 'bulwark-chromium-'));
let context;
try {
  const user = env('BULWARK_IDP_USER', 'alice@example.com');
  const password = env('BULWARK_IDP_PASSWORD');
  context = await chromium.launchPersistentContext(profile, {
    executablePath: env('BULWARK_CHROMIUM', '/usr/bin/chromium'), headless: true, args: ARGS,
  });
  const page = context.pages()[0] ?? await context.newPage();
  if (process.env.BULWARK_BROWSER_MODE === 'keycloak-only') {
    await keycloakOnly(page, user, password);
  } else {
    const app = env('BULWARK_APP_URL').replace(/\/$/, '');
    await throughBulwark(page, app, user, password);
    // Again, with everything warm (discovery, JWKS, JIT, the account exists): Keycloak's own session cookies are
    // cleared, so it shows its login form again.
    await context.clearCookies();
    await throughBulwark(page, app, user, password);
  }
} catch (error) {
  console.error(`sign-in check failed: ${error.message}`);
  process.exitCode = 1;
} finally {
  await context?.close().catch(() => {});
  rmSync(profile, { recursive: true, force: true });
}
