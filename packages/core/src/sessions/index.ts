export {
  type ActiveSession,
  createSession,
  deleteSession,
  findActiveSession,
  type NewSession,
  type SessionPolicy,
} from './session.service.ts';
