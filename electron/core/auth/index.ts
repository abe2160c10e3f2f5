/**
 * Accounts, passwords and in-memory sessions, and the auth.* methods.
 * The public face of this domain: other domains, the transports, the shell and scripts/ import
 * this file, never the inner files (eslint.config.js enforces it).
 */
export { authHandlers } from './handlers';
export { hashPassword } from './passwords';
export { SessionStore } from './sessions';
export { insertUser } from './users';
export { verifyPassword } from './passwords';
