// Every kind of finding the analyses report (src/model/analyses), with the roles its sites can have and the one it
// is shown on: the one place to change (for a race, the line that acts on stale state; for an unhandled rejection,
// where the promise was made). The CLI summary, the Problems panel and the report all use it.
import type { Finding, FindingSite } from './trace-format';

export const FINDING_KINDS = {
  'lost-update': { roles: ['read', 'suspend', 'other-write', 'stale-write'], primary: 'stale-write' },
  'check-then-act': { roles: ['check', 'suspend', 'other-write', 'act'], primary: 'act' },
  'stale-read': { roles: ['read', 'suspend', 'other-write'], primary: 'read' },
  'unhandled-rejection': { roles: ['created', 'rejection'], primary: 'created' },
  'floating-promise': { roles: ['floating', 'creator'], primary: 'floating' },
  'sequential-awaits': { roles: ['first-await', 'second-await'], primary: 'second-await' },
  starvation: { roles: ['starved-timer', 'starving-callback'], primary: 'starved-timer' },
  'blocked-loop': { roles: ['blocking-task'], primary: 'blocking-task' },
  'open-handles': { roles: ['keeps-alive'], primary: 'keeps-alive' },
  'unheard-message': { roles: ['posted'], primary: 'posted' },
  'no-answer': { roles: ['asked'], primary: 'asked' },
  'messages-waited': { roles: ['busy-task', 'waiting-message'], primary: 'busy-task' },
} as const satisfies Record<string, { roles: readonly string[]; primary: string }>;

export type FindingKind = keyof typeof FINDING_KINDS;
export type FindingRole = (typeof FINDING_KINDS)[FindingKind]['roles'][number];
/** the roles a site of this kind of finding can have */
export type RoleOf<K extends FindingKind> = (typeof FINDING_KINDS)[K]['roles'][number];

/**
 * Every role of every finding kind: `label`, a site's name in the panel's findings list ("stale write · line 8");
 * `sentence`, the place as the Problems panel lists it under its finding.
 */
export const ROLE_WORDS: Record<FindingRole, { label: string; sentence: string }> = {
  read: { label: 'read', sentence: 'read before the await' },
  check: { label: 'check', sentence: 'checked before the await' },
  suspend: { label: 'await', sentence: 'the coroutine suspends here' },
  'other-write': { label: 'other write', sentence: 'another coroutine writes it meanwhile' },
  'stale-write': { label: 'stale write', sentence: 'writes a value based on the old read' },
  act: { label: 'act', sentence: 'acts on the old check' },
  created: { label: 'promise made', sentence: 'the promise was made here' },
  rejection: { label: 'rejection', sentence: 'rejected here' },
  floating: { label: 'not awaited', sentence: 'started here, never awaited' },
  creator: { label: 'started by', sentence: 'the coroutine that started it' },
  'first-await': { label: 'first await', sentence: 'the first await' },
  'second-await': { label: 'second await', sentence: 'the second await, which does not need the first' },
  'starved-timer': { label: 'late timer', sentence: 'the late timer' },
  'starving-callback': { label: 'starving callback', sentence: 'the callback that kept queueing microtasks' },
  'blocking-task': { label: 'blocking task', sentence: 'the long synchronous task' },
  'keeps-alive': { label: 'made here', sentence: 'made here, still open' },
  posted: { label: 'unheard message', sentence: 'sent here; nothing listened for it' },
  asked: { label: 'unanswered message', sentence: 'sent here, listening for an answer that never came' },
  'busy-task': { label: 'busy task', sentence: 'the long synchronous task the messages waited for' },
  'waiting-message': { label: 'waiting message', sentence: 'sent here, then waited for the busy loop' },
};

/** The site a finding is reported on: its kind's main role, else its last site. */
export function primarySite(f: Finding): FindingSite | undefined {
  const primary: FindingRole | undefined = FINDING_KINDS[f.kind]?.primary;
  return f.sites.find((s) => s.role === primary) ?? f.sites[f.sites.length - 1];
}
