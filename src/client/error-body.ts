// Servers and proxies word their errors many ways; this finds the human
// sentence in any of them, or says plainly that there is none.

const MAX_MESSAGE = 300;

export function errorMessageOf(text: string, contentType: string | undefined): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const kind = notJson(trimmed, contentType);
  if (kind) return `the server answered with ${kind}, not an API error`;
  const message = fromJson(JSON.parse(trimmed));
  return message === undefined ? undefined : clip(message);
}

/** "an HTML page" or "a body that is not JSON"; undefined for JSON and for an empty body. */
export function notJson(text: string, contentType: string | undefined): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  try {
    JSON.parse(trimmed);
    return undefined;
  } catch {
    return contentType?.includes('html') || trimmed.startsWith('<') ? 'an HTML page' : 'a body that is not JSON';
  }
}

function fromJson(body: unknown): string | undefined {
  if (typeof body === 'string') return body || undefined;
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  // Equinix: {"errors": [...]} and {"error": "..."}; FaaSpot: message / detail.
  for (const field of ['errors', 'error', 'message', 'detail']) {
    const text = asText(b[field]);
    if (text) return text;
  }
  return undefined;
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value || undefined;
  if (Array.isArray(value)) {
    const parts = value.map(asText).filter((s): s is string => Boolean(s));
    return parts.length ? parts.join('; ') : undefined;
  }
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    // Validation details such as {"loc": [...], "msg": "..."} or {"message": "..."}
    return asText(v.msg ?? v.message ?? v.detail);
  }
  return undefined;
}

function clip(s: string): string {
  const oneLine = s.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_MESSAGE ? `${oneLine.slice(0, MAX_MESSAGE - 1)}…` : oneLine;
}
