// YAML through the yaml library, loaded only for -o yaml: a sequence for a
// list, a mapping for one resource, the same values as the JSON. Like our
// JSON, it writes nothing a terminal would act on: the library escapes C0
// controls in double-quoted strings but writes DEL and C1 as they are, so a
// string holding one is double-quoted and those characters escaped here.
const DEL_AND_C1 = /[\u007f-\u009f]/;
const DEL_AND_C1_ALL = /[\u007f-\u009f]/g;

export async function toYaml(value: unknown): Promise<string> {
  return (await yamlWriter())(value);
}

/** The library loaded, and a function that writes a value with it: a stream writes each of its items as it comes. */
export async function yamlWriter(): Promise<(value: unknown) => string> {
  const loaded = await import('yaml');
  // yaml is CommonJS: bundled, its exports come as the default export only.
  const { Document, stringify, visit } = (loaded as unknown as { default?: typeof loaded }).default ?? loaded;
  // No anchors and aliases: each object is written out where it is. lineWidth 0: a long string stays on one line, for grep.
  const options = { aliasDuplicateObjects: false, lineWidth: 0 };
  return (value) => {
    // The walk below costs as much again as writing: only for the rare value that needs it.
    if (!holdsDelOrC1(value)) return stringify(value, options);
    const doc = new Document(value, options);
    visit(doc, {
      Scalar(_key, node) {
        if (typeof node.value === 'string' && DEL_AND_C1.test(node.value)) node.type = 'QUOTE_DOUBLE';
      },
    });
    return doc.toString(options).replace(DEL_AND_C1_ALL, (c) => `\\x${c.charCodeAt(0).toString(16)}`);
  };
}

/** Whether a string in `value` (a key or a value, at any depth) holds DEL or a C1 control. */
function holdsDelOrC1(value: unknown): boolean {
  if (typeof value === 'string') return DEL_AND_C1.test(value);
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(([key, v]) => DEL_AND_C1.test(key) || holdsDelOrC1(v));
}
