// Masking the token in text that came from a server. A server may quote the
// request back in any spelling: JSON-escaped (`\/`, `\u0074`), URL-encoded,
// or in another letter case. The token is looked for in the text as a reader
// would see it once decoded, and the span that spells it is masked, whatever
// mixture of escapes it was written in.

export const MASK = '[token]';

/**
 * Shorter secrets are left alone: they match ordinary words ("t" is in most
 * messages), so masking them would garble every line and hide nothing that
 * could not be guessed.
 */
export const MIN_SECRET_LENGTH = 4;

/** One character of the decoded text and the span of the original text that spelt it. */
interface Unit {
  char: string;
  start: number;
  end: number;
}

const JSON_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

function decode(text: string): Unit[] {
  const units: Unit[] = [];
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (c === '\\') {
      const next = text[i + 1];
      if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        units.push({ char: String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)), start: i, end: i + 6 });
        i += 6;
        continue;
      }
      if (next !== undefined && next in JSON_ESCAPES) {
        units.push({ char: JSON_ESCAPES[next]!, start: i, end: i + 2 });
        i += 2;
        continue;
      }
    } else if (c === '%' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      units.push({ char: String.fromCharCode(parseInt(text.slice(i + 1, i + 3), 16)), start: i, end: i + 3 });
      i += 3;
      continue;
    }
    units.push({ char: c, start: i, end: i + 1 });
    i += 1;
  }
  return units;
}

/**
 * `text` with every spelling of `secret` masked: as is, decoded from JSON
 * escapes or URL encoding (even mixed), and in any letter case. A secret
 * shorter than MIN_SECRET_LENGTH is not looked for.
 */
export function redact(text: string, secret: string | undefined): string {
  if (!secret || secret.length < MIN_SECRET_LENGTH || !text) return text;
  const needle = secret.toLowerCase();
  // The common case costs one search: nothing escaped and no match at all.
  if (!/[\\%]/.test(text) && !text.toLowerCase().includes(needle)) return text;
  const units = decode(text);
  const decoded = units.map((u) => u.char.toLowerCase()).join('');
  // toLowerCase keeps the length of these characters; a token of others is matched as given.
  if (decoded.length !== units.length) return text.split(secret).join(MASK);
  let out = '';
  let copied = 0;
  for (let at = decoded.indexOf(needle); at !== -1; at = decoded.indexOf(needle, at + needle.length)) {
    const start = units[at]!.start;
    const end = units[at + needle.length - 1]!.end;
    out += text.slice(copied, start) + MASK;
    copied = end;
  }
  return out + text.slice(copied);
}
