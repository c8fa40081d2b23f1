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
} as const satisfies Record<string, { roles: readonly string[]; primary: string }>;

export type FindingKind = keyof typeof FINDING_KINDS;
export type FindingRole = (typeof FINDING_KINDS)[FindingKind]['roles'][number];
/** the roles a site of this kind of finding can have */
export type RoleOf<K extends FindingKind> = (typeof FINDING_KINDS)[K]['roles'][number];

/** The site a finding is reported on: its kind's main role, else its last site. */
export function primarySite(f: Finding): FindingSite | undefined {
  const primary: FindingRole | undefined = FINDING_KINDS[f.kind]?.primary;
  return f.sites.find((s) => s.role === primary) ?? f.sites[f.sites.length - 1];
}
