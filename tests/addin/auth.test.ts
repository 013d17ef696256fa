import { resolveAddinConfig } from '../../addin/src/auth/auth-config';
import { isExpired, loadStoredSession, sessionFromToken, storeSession } from '../../addin/src/auth/session';
import { langFrom } from '../../addin/src/i18n/strings';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (claims: Record<string, unknown>) => `${b64({ alg: 'HS256' })}.${b64(claims)}.sig`;

describe('sign-in configuration chosen at build time', () => {
  it('uses the demo identity chooser for a local build', () => {
    expect(resolveAddinConfig({})).toEqual({ auth: { mode: 'dev' }, apiBaseUrl: '' });
  });

  it('uses Nested App Authentication when an app registration is configured', () => {
    const config = resolveAddinConfig({
      ADDIN_BASE_URL: 'https://reports.example.gov.cn',
      ADDIN_AAD_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
      ADDIN_API_SCOPES: 'api://reports.example.gov.cn/11111111-2222-3333-4444-555555555555/access_as_user',
      ADDIN_API_BASE_URL: 'https://api.example.gov.cn/',
    });
    expect(config).toEqual({
      auth: {
        mode: 'naa',
        clientId: '11111111-2222-3333-4444-555555555555',
        authority: 'https://login.microsoftonline.com/organizations',
        scopes: ['api://reports.example.gov.cn/11111111-2222-3333-4444-555555555555/access_as_user'],
      },
      apiBaseUrl: 'https://api.example.gov.cn',
    });
  });

  it('refuses a deployed build that could not sign anybody in', () => {
    expect(() => resolveAddinConfig({ ADDIN_BASE_URL: 'https://reports.example.gov.cn' })).toThrow(
      /ADDIN_AAD_CLIENT_ID/,
    );
    expect(() => resolveAddinConfig({ ADDIN_AAD_CLIENT_ID: 'abc' })).toThrow(/ADDIN_API_SCOPES/);
  });
});

describe('session', () => {
  it('reads who signed in from the token', () => {
    const s = sessionFromToken(
      jwt({ sub: 'li.na', name: '李娜', role: 'clerk', departmentId: 'judicial-office', exp: 4102444800 }),
    );
    expect(s.principal).toEqual({
      sub: 'li.na',
      name: '李娜',
      role: 'clerk',
      departmentId: 'judicial-office',
    });
    expect(isExpired(s, Date.UTC(2026, 0, 1))).toBe(false);
  });

  it('forgets an expired session instead of showing a pane that fails on every call', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    };
    storeSession(storage, sessionFromToken(jwt({ sub: 'a', role: 'coordinator', exp: 1 })));
    expect(loadStoredSession(storage)).toBeNull();
    storeSession(storage, sessionFromToken(jwt({ sub: 'a', role: 'coordinator' })));
    expect(loadStoredSession(storage)?.principal.role).toBe('coordinator');
    expect(() => sessionFromToken(jwt({ sub: 'a', role: 'admin' }))).toThrow();
  });
});

describe('language', () => {
  it('is Chinese unless Office or the browser asks for English', () => {
    expect(langFrom('en-US')).toBe('en');
    expect(langFrom('zh-CN')).toBe('zh-CN');
    expect(langFrom('de-DE')).toBe('zh-CN');
    expect(langFrom(null)).toBe('zh-CN');
  });
});
