// Version comparison following PEP 440 as implemented by Python's `packaging.version.Version`,
// which the signal scorer uses on test and engine versions (e.g. "3.17.0-alpha" is 3.17.0a0).

const VERSION_RE = new RegExp(
  '^\\s*v?' +
    '(?:(?<epoch>[0-9]+)!)?' +
    '(?<release>[0-9]+(?:\\.[0-9]+)*)' +
    '(?:[-_.]?(?<preL>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<preN>[0-9]+)?)?' +
    '(?:(?:-(?<postN1>[0-9]+))|(?:[-_.]?(?<postL>post|rev|r)[-_.]?(?<postN2>[0-9]+)?))?' +
    '(?:[-_.]?(?<devL>dev)[-_.]?(?<devN>[0-9]+)?)?' +
    '(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?' +
    '\\s*$',
  'i',
);

export class InvalidVersionError extends Error {
  constructor(version: string) {
    super(`Invalid version: '${version}'`);
    this.name = 'InvalidVersionError';
  }
}

interface ParsedVersion {
  epoch: number;
  release: number[];
  /** [-Infinity] for dev-only releases, [Infinity] for final releases, [rank, n] for pre-releases */
  pre: number[];
  post: number;
  dev: number;
  local: string[];
}

const PRE_RANK: Record<string, number> = { a: 0, alpha: 0, b: 1, beta: 1, c: 2, rc: 2, pre: 2, preview: 2 };

function parseVersion(version: string): ParsedVersion {
  const m = VERSION_RE.exec(version);
  if (!m?.groups) throw new InvalidVersionError(version);
  const g = m.groups;
  const hasPre = g.preL !== undefined;
  const hasPost = g.postN1 !== undefined || g.postL !== undefined;
  const hasDev = g.devL !== undefined;
  let pre: number[];
  if (!hasPre && !hasPost && hasDev) pre = [-Infinity];
  else if (!hasPre) pre = [Infinity];
  else pre = [PRE_RANK[g.preL.toLowerCase()], Number(g.preN ?? 0)];
  return {
    epoch: Number(g.epoch ?? 0),
    release: g.release.split('.').map(Number),
    pre,
    post: hasPost ? Number(g.postN1 ?? g.postN2 ?? 0) : -Infinity,
    dev: hasDev ? Number(g.devN ?? 0) : Infinity,
    local: g.local ? g.local.toLowerCase().split(/[-_.]/) : [],
  };
}

/** Element-wise numeric comparison, missing elements counting as `pad`. */
function compareArrays(a: number[], b: number[], pad: number): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = i < a.length ? a[i] : pad;
    const y = i < b.length ? b[i] : pad;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function compareLocal(a: string[], b: string[]): number {
  // no local segment sorts first; numeric parts sort after alphanumeric ones
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i >= a.length) return -1;
    if (i >= b.length) return 1;
    const na = /^[0-9]+$/.test(a[i]);
    const nb = /^[0-9]+$/.test(b[i]);
    if (na && nb && Number(a[i]) !== Number(b[i])) return Number(a[i]) < Number(b[i]) ? -1 : 1;
    if (na !== nb) return na ? 1 : -1;
    if (!na && a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

const cmp = (x: number, y: number): number => (x === y ? 0 : x < y ? -1 : 1);

/** Compare two version strings; throws InvalidVersionError like packaging's Version(). */
export function compareVersions(a: string, b: string): number {
  const va = parseVersion(a);
  const vb = parseVersion(b);
  return (
    cmp(va.epoch, vb.epoch) ||
    compareArrays(va.release, vb.release, 0) ||
    compareArrays(va.pre, vb.pre, 0) ||
    cmp(va.post, vb.post) ||
    cmp(va.dev, vb.dev) ||
    compareLocal(va.local, vb.local)
  );
}
