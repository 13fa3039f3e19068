// What a sandbox's token may be. It travels in an Authorization header, which
// takes neither line breaks nor (in Node's client or undici) characters past
// ASCII; a token that cannot be sent would make a sandbox no one can reach,
// and `fas sandbox status` and `stop` (which ask it with its token) could not
// tell it is there. So it is refused before anything starts.
import { UsageError } from '../errors.js';

export const MAX_TOKEN_LENGTH = 512;
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

/** The token, or a UsageError saying what is wrong with it (without it: a token is never printed). */
export function checkToken(token: string, name = 'the token'): string {
  if (token.length === 0) throw new UsageError(`${name} is empty`);
  if (token.length > MAX_TOKEN_LENGTH) throw new UsageError(`${name} is ${token.length} characters long; at most ${MAX_TOKEN_LENGTH}`);
  if (!PRINTABLE_ASCII.test(token)) {
    const what = /\s/.test(token) ? 'a space or a line break' : /[\x00-\x1f\x7f]/.test(token) ? 'a control character' : 'a character outside ASCII';
    throw new UsageError(`${name} holds ${what}; it must be printable ASCII (letters, digits, punctuation), as an HTTP header carries it`);
  }
  return token;
}
