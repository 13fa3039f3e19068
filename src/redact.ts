// Masking the token in text that came from a server. A server may quote the
// request back in any spelling: JSON-escaped (`\/`, `\u0074`), URL-encoded,
// as HTML entities (`&#47;`, `&sol;`), or in another letter case. The token
// is looked for in the text as a reader would see it once decoded, and the
// span that spells it is masked, whatever mixture of escapes it was written
// in. It may also come encoded whole, as base64 (an Authorization header
// quoted back) or hex: those forms are masked too.

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

/** Named HTML entities of the characters a token may hold (the numeric forms are read for any). */
const HTML_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", sol: '/', bsol: '\\', plus: '+', equals: '=', num: '#', percnt: '%',
  colon: ':', semi: ';', comma: ',', period: '.', lowbar: '_', excl: '!', quest: '?', commat: '@', dollar: '$', ast: '*',
  lpar: '(', rpar: ')', lsqb: '[', rsqb: ']', lcub: '{', rcub: '}', verbar: '|', tilde: '~', grave: '`', hat: '^', minus: '-',
};

/** The character an HTML entity at `text[i]` ('&') stands for, and the entity's length. */
function htmlEntity(text: string, i: number): [string, number] | undefined {
  const m = /^&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));/.exec(text.slice(i, i + 12));
  if (!m) return undefined;
  const code = m[1] !== undefined ? parseInt(m[1], 10) : m[2] !== undefined ? parseInt(m[2], 16) : undefined;
  if (code !== undefined) return code <= 0x10ffff ? [String.fromCodePoint(code), m[0].length] : undefined;
  const named = HTML_ENTITIES[m[3]!];
  return named === undefined ? undefined : [named, m[0].length];
}

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
    } else if (c === '&') {
      const entity = htmlEntity(text, i);
      if (entity) {
        units.push({ char: entity[0], start: i, end: i + entity[1] });
        i += entity[1];
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
  return maskEncoded(maskSpelt(text, secret), secret);
}

function maskSpelt(text: string, secret: string): string {
  const needle = secret.toLowerCase();
  // The common case costs one search: nothing escaped and no match at all.
  if (!/[\\%&]/.test(text) && !text.toLowerCase().includes(needle)) return text;
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

/**
 * The token encoded whole: its hex (either case), and its base64 and base64url
 * at each of the three places it may start within a longer encoded run (as in
 * `user:token`). Only the characters the token's own bytes decide are looked
 * for; the one or two at each end that it shares with its neighbours stay.
 */
function encodedForms(secret: string): { text: string; anyCase: boolean }[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms = [{ text: bytes.toString('hex'), anyCase: true }];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const core = encoded.slice(Math.ceil((8 * shift) / 6), Math.floor((8 * (shift + bytes.length)) / 6));
    forms.push({ text: core, anyCase: false }, { text: core.replace(/\+/g, '-').replace(/\//g, '_'), anyCase: false });
  }
  return forms.filter((f) => f.text.length >= MIN_SECRET_LENGTH);
}

let formsOf: { secret: string; forms: ReturnType<typeof encodedForms> } | undefined;

function maskEncoded(text: string, secret: string): string {
  if (formsOf?.secret !== secret) formsOf = { secret, forms: encodedForms(secret) };
  let out = text;
  for (const form of formsOf.forms) {
    out = form.anyCase ? out.replace(new RegExp(form.text, 'gi'), MASK) : out.split(form.text).join(MASK);
  }
  return out;
}
