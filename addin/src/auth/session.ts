/** Who is signed in, from the API token's claims (the server verifies the token; the pane only reads it). */
export interface Principal {
  sub: string;
  name: string;
  role: 'clerk' | 'coordinator';
  departmentId: string | null;
}

export interface Session {
  token: string;
  principal: Principal;
  /** Seconds since the epoch (the token's `exp`), or null when the token has none. */
  expiresAt: number | null;
}

function decodeBase64Url(part: string): string {
  const b64 = part
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** Reads the claims the pane needs; throws when the token is not a JWT with a usable role. */
export function sessionFromToken(token: string): Session {
  const payload = token.split('.')[1];
  if (!payload) throw new Error('not a JWT');
  const claims = JSON.parse(decodeBase64Url(payload)) as Record<string, unknown>;
  const role = claims.role === 'coordinator' ? 'coordinator' : claims.role === 'clerk' ? 'clerk' : null;
  if (!role || typeof claims.sub !== 'string') throw new Error('token lacks sub or role');
  return {
    token,
    principal: {
      sub: claims.sub,
      name: typeof claims.name === 'string' ? claims.name : claims.sub,
      role,
      departmentId: typeof claims.departmentId === 'string' ? claims.departmentId : null,
    },
    expiresAt: typeof claims.exp === 'number' ? claims.exp : null,
  };
}

export function isExpired(session: Session, nowMs: number = Date.now()): boolean {
  return session.expiresAt !== null && session.expiresAt * 1000 <= nowMs + 30_000;
}

const KEY = 'legal-reporting:session';

/** Kept for the tab's lifetime only (sessionStorage), so closing the pane signs out. */
export function loadStoredSession(storage: Pick<Storage, 'getItem'> | null): Session | null {
  try {
    const token = storage?.getItem(KEY);
    if (!token) return null;
    const session = sessionFromToken(token);
    return isExpired(session) ? null : session;
  } catch {
    return null;
  }
}

export function storeSession(
  storage: Pick<Storage, 'setItem' | 'removeItem'> | null,
  session: Session | null,
): void {
  try {
    if (session) storage?.setItem(KEY, session.token);
    else storage?.removeItem(KEY);
  } catch {
    // Storage disabled: the session lives in memory only.
  }
}
