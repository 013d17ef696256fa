import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jwtVerify, SignJWT } from 'jose';

/** What the deployed API Gateway JWT authorizer checks, reproduced locally: issuer, audience, signature, expiry. */
export const LOCAL_ISSUER = 'urn:legal-reporting:local';
export const LOCAL_AUDIENCE = 'legal-reporting-api';

export interface LocalAuth {
  issue(claims: Record<string, unknown>, ttlSeconds?: number): Promise<string>;
  /** The token's claims, or null when it is missing, malformed, expired or wrongly signed. */
  verify(authorization: string | undefined): Promise<Record<string, unknown> | null>;
  secret: Uint8Array;
}

/** HS256 with a secret kept in DATA_DIR (so tokens outlive a restart), or a fresh one in memory. */
export function createLocalAuth(dataDir: string | null): LocalAuth {
  let secret: Uint8Array;
  if (dataDir) {
    const file = join(dataDir, 'jwt-secret');
    if (!existsSync(file)) {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
    }
    secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  } else {
    secret = randomBytes(32);
  }
  return {
    secret,
    async issue(claims, ttlSeconds = 12 * 3600) {
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(secret);
    },
    async verify(authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
      if (!match) return null;
      try {
        const { payload } = await jwtVerify(match[1] as string, secret, {
          issuer: LOCAL_ISSUER,
          audience: LOCAL_AUDIENCE,
          algorithms: ['HS256'],
        });
        return payload as Record<string, unknown>;
      } catch {
        return null;
      }
    },
  };
}
