/** Kept in step with package.json by the release script. */
export const APP_VERSION = '0.1.0';
