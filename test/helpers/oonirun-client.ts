import { Role } from '../../src/common/auth/auth.types';
import { SessionTokenService } from '../../src/common/auth/session-token.service';
import { AuthService } from '../../src/modules/auth/auth.service';
import { TestApp } from './test-app';

export interface JsonResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

/** HTTP helpers for the OONI Run routes of a test app, with session tokens for email accounts. */
export class OonirunClient {
  constructor(private readonly t: TestApp) {}

  /** A session token of the account of `email` (its id is the keyed hash of the address). */
  token(email: string, role: Role = 'user'): string {
    const accountId = this.t.app.get(AuthService).accountIdOf(email);
    return this.t.app.get(SessionTokenService).issue(accountId, role, { sessionExpiryDays: 1, loginExpiryDays: 1 });
  }

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
  ): Promise<JsonResponse<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined = opts.rawBody;
    if (opts.body !== undefined) body = JSON.stringify(opts.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.t.url}${path}`, { method, headers, body });
    return { status: res.status, body: (await res.json()) as T, headers: res.headers };
  }

  get<T = Record<string, unknown>>(path: string, token?: string): Promise<JsonResponse<T>> {
    return this.request<T>('GET', path, { token });
  }

  post<T = Record<string, unknown>>(path: string, body: unknown, token?: string): Promise<JsonResponse<T>> {
    return this.request<T>('POST', path, { body, token });
  }

  put<T = Record<string, unknown>>(path: string, body: unknown, token?: string): Promise<JsonResponse<T>> {
    return this.request<T>('PUT', path, { body, token });
  }
}
