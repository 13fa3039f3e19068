// A request the HTTP layer refuses, with the status and the lines of its
// `{"errors": [...]}` body: no route, no token, a body or query that is not
// valid. The service refuses in its own terms (service/errors.ts), which
// reply.ts turns into their statuses.
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
