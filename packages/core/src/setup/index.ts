export { checkSetupToken, completeSetup, setupNeeded } from './setup.service.ts';
export {
  ensureSetupToken,
  retireSetupToken,
  SETUP_TOKEN_STATE_KEY,
  setupTokenMatches,
} from './setup-token.ts';
