export { type ApiClient, type ApiResponse, createClient, sessionCookieFrom } from './api-client.ts';
export {
  anonymous,
  bearer,
  createTestEngagement,
  createTestUser,
  login,
  obtainTokens,
  startTestServer,
  TEST_PASSWORD,
  type TestServer,
  type TestUser,
  type TestUserOptions,
} from './test-server.ts';
