import { errors, jwtVerify, SignJWT } from 'jose';
import type { SecretKeys } from '../secrets/secret-key.ts';

export const ACCESS_TTL_SECONDS = 5 * 60;
export const REFRESH_TTL_SECONDS = 24 * 3600;
const AUDIENCE = 'steppingstones-api';

export interface AccessClaims {
  userId: number;
  epoch: number;
}

export interface RefreshClaims extends AccessClaims {
  jti: string;
  family: string;
}

/**
 * Access and refresh tokens are signed with different keys AND carry their type, in the claims and in
 * the header's `typ`: one is refused in the other's place twice over.
 */
export async function signAccessToken(keys: SecretKeys, claims: AccessClaims): Promise<string> {
  return new SignJWT({ typ: 'access', ep: claims.epoch })
    .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
    .setSubject(String(claims.userId))
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ACCESS_TTL_SECONDS}s`)
    .sign(keys.derive('access-jwt'));
}

export async function signRefreshToken(keys: SecretKeys, claims: RefreshClaims): Promise<string> {
  return new SignJWT({ typ: 'refresh', ep: claims.epoch, fam: claims.family })
    .setProtectedHeader({ alg: 'HS256', typ: 'rt+jwt' })
    .setSubject(String(claims.userId))
    .setAudience(AUDIENCE)
    .setJti(claims.jti)
    .setIssuedAt()
    .setExpirationTime(`${REFRESH_TTL_SECONDS}s`)
    .sign(keys.derive('refresh-jwt'));
}

async function verify(token: string, key: Buffer, typ: 'access' | 'refresh') {
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      audience: AUDIENCE,
      typ: typ === 'access' ? 'at+jwt' : 'rt+jwt',
    });
    if (payload.typ !== typ || typeof payload.sub !== 'string' || typeof payload.ep !== 'number') return null;
    return payload;
  } catch (error) {
    if (error instanceof errors.JOSEError) return null;
    throw error;
  }
}

/** The claims of a valid access token, or null (bad signature, expired, or another token type). */
export async function verifyAccessToken(keys: SecretKeys, token: string): Promise<AccessClaims | null> {
  const p = await verify(token, keys.derive('access-jwt'), 'access');
  return p ? { userId: Number(p.sub), epoch: Number(p.ep) } : null;
}

export async function verifyRefreshToken(keys: SecretKeys, token: string): Promise<RefreshClaims | null> {
  const p = await verify(token, keys.derive('refresh-jwt'), 'refresh');
  if (!p || typeof p.jti !== 'string' || typeof p.fam !== 'string') return null;
  return { userId: Number(p.sub), epoch: Number(p.ep), jti: p.jti, family: p.fam };
}
