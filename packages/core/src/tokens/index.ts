export {
  createApiToken,
  listApiTokens,
  PERSONAL_TOKEN_PREFIX,
  resolveApiToken,
  revokeApiToken,
} from './personal-token.service.ts';
export { issueTokenPair, rotateRefreshToken, type TokenPair } from './refresh-token.service.ts';
