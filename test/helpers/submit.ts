import { loadMeasurement } from './fixtures';

/** A report id of the form probes get, unique per call site (`tag`: letters and digits). */
export function reportIdFor(tag: string): string {
  return `20240101T000000Z_webconnectivity_TM_20661_n1_${tag.padEnd(16, 'x').slice(0, 16)}`;
}

/**
 * The real web_connectivity measurement of the fixtures, made distinct by `n` and carrying
 * `reportId` (so that search by report_id lists exactly a test's measurements), as JSON text.
 */
export function distinctContent(reportId: string, n: number): string {
  const content = loadMeasurement('web_connectivity_null.json');
  return JSON.stringify({ ...content, report_id: reportId, input: `https://example.org/${n}` });
}

/** Submits one measurement; resolves to its uid once acknowledged (200), else null. */
export async function submitContent(baseUrl: string, reportId: string, content: string): Promise<string | null> {
  const res = await fetch(`${baseUrl}/report/${reportId}`, {
    method: 'POST',
    body: `{"format":"json","content":${content}}`,
  });
  if (res.status !== 200) return null;
  const { measurement_uid } = (await res.json()) as { measurement_uid?: string };
  return measurement_uid ?? null;
}

/** Uids that `/api/v1/measurements?report_id=` lists (fastpath rows). */
export async function searchedUids(baseUrl: string, reportId: string): Promise<Set<string>> {
  const res = await fetch(`${baseUrl}/api/v1/measurements?report_id=${reportId}&limit=1000`);
  if (res.status !== 200) throw new Error(`search answered ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { results: Array<{ measurement_uid: string }> };
  return new Set(body.results.map((r) => r.measurement_uid));
}

/** Polls until `check` holds, or throws after `timeoutMs`. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
