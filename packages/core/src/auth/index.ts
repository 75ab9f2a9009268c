export { InvalidCredentialsError, ThrottledError } from './auth-errors.ts';
export { sha256Hex } from './hash.ts';
export {
  ACCESS_TTL_SECONDS,
  REFRESH_TTL_SECONDS,
  signAccessToken,
  signRefreshToken,
  verifyAccessToken,
  verifyRefreshToken,
} from './jwt.ts';
export { authenticateWithPassword } from './password-login.ts';
export {
  assertNotThrottled,
  clearThrottle,
  loginKey,
  recordFailure,
  THROTTLE_LIMITS,
  THROTTLE_WINDOW_MS,
  type ThrottleKey,
} from './throttle.ts';
