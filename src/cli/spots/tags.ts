// --tag and --description: checked here against the bounds the API states
// (openapi/fas.yaml SpotTags, SpotDescription), so a bad one costs no request.
import { UsageError } from '../../errors.js';

export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 100;
export const MAX_DESCRIPTION_LENGTH = 1000;

/** Tags as KEY:VALUE (`role:web`), each once, in the order given. */
export function parseTags(values: readonly string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  const tags = [...new Set(values)];
  for (const tag of tags) {
    if (!/^[^:]+:/.test(tag)) throw new UsageError(`invalid --tag '${tag}': expected KEY:VALUE, such as role:web`);
    if ([...tag].length > MAX_TAG_LENGTH) throw new UsageError(`invalid --tag '${tag.slice(0, 20)}...': at most ${MAX_TAG_LENGTH} characters`);
  }
  if (tags.length > MAX_TAGS) throw new UsageError(`too many --tag: at most ${MAX_TAGS}, ${tags.length} given`);
  return tags;
}

export function parseDescription(value: string | undefined): string | undefined {
  if (value !== undefined && [...value].length > MAX_DESCRIPTION_LENGTH) {
    throw new UsageError(`invalid --description: at most ${MAX_DESCRIPTION_LENGTH} characters, ${[...value].length} given`);
  }
  return value;
}
