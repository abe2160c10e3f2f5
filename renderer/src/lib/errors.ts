/**
 * How a failed request is shown: its Chinese message, the per-field messages and the error
 * itself (for its stable code). Feature components take these from here; the requests go
 * through their feature's actions or store, never through api/client directly.
 */
export { ApiError, errorMessage, fieldErrors } from '../api/client';
