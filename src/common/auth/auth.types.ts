export const ROLES = ['user', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Claims of a user session token (legacy `_create_session_token`, audience `user_auth`). */
export interface SessionClaims {
  account_id: string;
  role: Role;
  login_time: number;
  iat: number;
  nbf?: number;
  exp: number;
  aud: 'user_auth';
}

export const USER_AUTH_AUDIENCE = 'user_auth';

/** Audience of the probe tokens issued by `POST /api/v1/login`. */
export const PROBE_TOKEN_AUDIENCE = 'probe_token';
