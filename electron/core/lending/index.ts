/**
 * 借阅 / 利用: loan requests, signed approvals under configurable rules, hand-out and return by
 * scanned label, overdue loans and reminders, the 借阅登记簿 and the year's utilisation counts.
 * The public face of this domain: other domains, the transports, the shell and scripts/ import
 * this file, never the inner files (eslint.config.js enforces it).
 */
export { lendingHandlers } from './handlers';
export { utilisationCounts } from './counts';
export { DEFAULT_RULES, RULES_META_KEY } from './rules';
// For the demo's bulk lending history: the same views, rules and signed content as the contract's.
export { headReasons, lendingRules } from './rules';
export { localDay, signedDecision, viewOf } from './rows';
// The dashboard's five most overdue loans (filtered by the caller's 密级 as the 催还 list is).
export { overdueLoans } from './desk';
