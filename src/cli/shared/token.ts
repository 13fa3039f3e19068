// The token as given: a file written on Windows ends its line with CR, which
// `$(cat token)` keeps and no header can carry. Whitespace around it is
// dropped where settings are read; anything left inside that a header cannot
// carry is named as the token's fault, never as the network's.
import { AuthError } from '../../errors.js';

/** Spaces and control characters, or anything past Latin-1: nothing a token is made of. */
const NOT_IN_A_TOKEN = /[\u0000-\u0020\u007f-\u009f\u0100-\uffff]/;

/** The token with the whitespace around it dropped; undefined when nothing is left. */
export function trimToken(raw: string | undefined): string | undefined {
  return raw?.trim() || undefined;
}

/** Refuses a token no Authorization header can carry, naming `where` it came from. */
export function checkToken(token: string, where: string): string {
  if (NOT_IN_A_TOKEN.test(token)) {
    throw new AuthError(`the token from ${where} is malformed: it holds a space, a control character or a character no token has`, {
      hint: 'copy the token again, as one line with nothing around it',
    });
  }
  return token;
}
