import { Role } from '../../src/common/auth/auth.types';
import { SessionTokenService } from '../../src/common/auth/session-token.service';
import { AuthService } from '../../src/modules/auth/auth.service';
import { TestApp } from './test-app';

// JSON answers are checked field by field in the tests.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** A finding in an answer (the fields tests look at; the others are compared as keys). */
export interface FindingJson {
  id: string;
  slug: string | null;
  title: string;
  text?: string;
  email_address: string;
  mine: boolean;
  published: boolean;
  tags: string[];
  themes: string[];
  start_time: string;
  end_time: string | null;
  update_time: string;
  short_description: string;
  [key: string]: unknown;
}

export interface ApiAnswer {
  status: number;
  body: Json;
  headers: Headers;
}

/** A caller of the incidents API: anonymous, or logged in as the account of `email`. */
export interface IncidentsCaller {
  email?: string;
  accountId?: string;
  token?: string;
  get(path: string): Promise<ApiAnswer>;
  post(path: string, body: unknown): Promise<ApiAnswer>;
}

async function call(url: string, init: RequestInit): Promise<ApiAnswer> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: the assertion on the body shows the text.
  }
  return { status: res.status, body, headers: res.headers };
}

function caller(t: TestApp, token?: string): Pick<IncidentsCaller, 'get' | 'post'> {
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  return {
    get: (path) => call(`${t.url}${path}`, { headers: auth }),
    post: (path, body) =>
      call(`${t.url}${path}`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
  };
}

export const anonymous = (t: TestApp): IncidentsCaller => caller(t);

/** Logged in with a real session token of the account whose email is `email` (as after user_login). */
export function loggedIn(t: TestApp, email: string, role: Role): IncidentsCaller {
  const accountId = t.app.get(AuthService).accountIdOf(email);
  const token = t.app
    .get(SessionTokenService)
    .issue(accountId, role, { sessionExpiryDays: 1, loginExpiryDays: 1 }, Math.floor(Date.now() / 1000));
  return { email, accountId, token, ...caller(t, token) };
}

/** A time N minutes from now, whole seconds, in the newer API's format. */
export function minutesFromNow(minutes: number): string {
  const seconds = Math.floor(Date.now() / 1000) + minutes * 60;
  return `${new Date(seconds * 1000).toISOString().slice(0, 19)}.000000Z`;
}

/** A finding as Explorer's form sends it. */
export function sampleFinding(email: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'sample finding',
    short_description: 'sample finding description',
    reported_by: 'sample user',
    email_address: email,
    text: 'this is a sample **finding**',
    published: false,
    event_type: 'incident',
    start_time: minutesFromNow(-1),
    ASNs: [],
    CCs: ['IN', 'TZ'],
    tags: [],
    test_names: ['webconnectivity'],
    domains: ['www.google.com'],
    links: [],
    ...extra,
  };
}

/** The keys of a finding in the newer API's answers (`show` adds `text`). */
export const FINDING_KEYS = [
  'ASNs',
  'CCs',
  'create_time',
  'creator_account_id',
  'domains',
  'email_address',
  'end_time',
  'event_type',
  'id',
  'links',
  'mine',
  'published',
  'reported_by',
  'short_description',
  'slug',
  'start_time',
  'tags',
  'test_names',
  'themes',
  'title',
  'update_time',
];
