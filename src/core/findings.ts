// Where a finding is shown: the one place to change (for a race, the line that acts on stale state; for an unhandled
// rejection, where the promise was made). The CLI summary, the Problems panel and the report all use it.
import type { Finding, FindingSite } from './trace-format';

const PRIMARY_ROLE: Record<string, string> = {
  'lost-update': 'stale-write',
  'check-then-act': 'act',
  'stale-read': 'read',
  'unhandled-rejection': 'created',
  'floating-promise': 'floating',
  'sequential-awaits': 'second-await',
  starvation: 'starved-timer',
  'blocked-loop': 'blocking-task',
  'open-handles': 'keeps-alive',
};

/** The site a finding is reported on: its kind's main role, else its last site. */
export function primarySite(f: Finding): FindingSite | undefined {
  return f.sites.find((s) => s.role === PRIMARY_ROLE[f.kind]) ?? f.sites[f.sites.length - 1];
}
