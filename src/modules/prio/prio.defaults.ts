import { PrioRule } from './prio.types';

/**
 * The rules a fresh install starts with (legacy `initialize_url_priorities_if_needed`): one
 * wildcard rule per category. Without any rule every priority is 0 and no URL is served.
 */
const CATEGORY_PRIORITIES: readonly [string, number][] = [
  ['NEWS', 100],
  ['POLR', 100],
  ['HUMR', 100],
  ['LGBT', 100],
  ['ANON', 100],
  ['MMED', 80],
  ['SRCH', 80],
  ['PUBH', 80],
  ['REL', 60],
  ['XED', 60],
  ['HOST', 60],
  ['ENV', 60],
  ['FILE', 40],
  ['CULTR', 40],
  ['IGO', 40],
  ['GOVT', 40],
  ['DATE', 30],
  ['HATE', 30],
  ['MILX', 30],
  ['PROV', 30],
  ['PORN', 30],
  ['GMB', 30],
  ['ALDR', 30],
  ['GAME', 20],
  ['MISC', 20],
  ['HACK', 20],
  ['ECON', 20],
  ['COMM', 20],
  ['CTRL', 20],
  ['COMT', 100],
  ['GRP', 100],
];

export const DEFAULT_PRIO_RULES: readonly PrioRule[] = CATEGORY_PRIORITIES.map(([category_code, priority]) => ({
  category_code,
  cc: '*',
  domain: '*',
  url: '*',
  priority,
}));
