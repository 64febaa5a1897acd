/**
 * The fields of a raw request body sent as JSON or as an HTML form (legacy accepted both),
 * or null when it is neither. Only string values are kept.
 */
export function readBodyFields(body: unknown, contentType: string | undefined): Record<string, string> | null {
  if (!Buffer.isBuffer(body)) return body === undefined ? {} : null;
  const text = body.toString('utf8');
  if ((contentType ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') fields[k] = v;
  return fields;
}
