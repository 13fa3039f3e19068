// A request the sandbox refuses, with the status and the lines of its
// `{"errors": [...]}` body. The service throws it for its rules (404, 409,
// 422); the HTTP layer for the rest, and turns every one into the answer.
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly messages: string[],
    readonly headers: Record<string, string> = {},
    /** Fields the body carries beside `errors` (an ambiguous id's `matches`). */
    readonly fields: Record<string, unknown> = {},
  ) {
    super(messages.join('; '));
  }
}
