import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../src/common/project-paths';
import { ScoreTaskItem } from '../src/modules/fastpath/workers/score-task';

/** Every JSON measurement fixture as the submission bytes the fastpath receives, each with a uid. */
export function fixtureBodies(): ScoreTaskItem[] {
  const dir = path.join(PROJECT_ROOT, 'test', 'fixtures', 'measurements');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f, i) => ({
      measurementUid: `20240101000000.${String(i).padStart(6, '0')}_IT_bench_${String(i).padStart(16, '0')}`,
      body: Buffer.from(
        JSON.stringify({ format: 'json', content: JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as unknown }),
      ),
    }));
}

/** The submission body (`{"format": "json", "content": ...}`) of one measurement fixture. */
export function fixtureSubmission(name: string): string {
  const file = path.join(PROJECT_ROOT, 'test', 'fixtures', 'measurements', name);
  return JSON.stringify({ format: 'json', content: JSON.parse(fs.readFileSync(file, 'utf8')) as unknown });
}

/** Writes the DNS and HTTP fingerprint fixtures as the one JSON file the scoring workers read. */
export function writeFingerprintsFile(file: string): void {
  const read = (name: string): unknown =>
    JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'test', 'fixtures', 'data', name), 'utf8'));
  fs.writeFileSync(file, JSON.stringify({ dns: read('fingerprints_dns.json'), http: read('fingerprints_http.json') }));
}

/** A task of `size` items cycling through the fixtures. */
export function fixtureTask(size: number): ScoreTaskItem[] {
  const items = fixtureBodies();
  return Array.from({ length: size }, (_, i) => items[i % items.length]);
}
