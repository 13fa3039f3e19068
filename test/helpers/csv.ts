// A small RFC 4180 reader, to read back what `-o csv` prints: quoted fields
// may hold commas, doubled quotes and line breaks.
export function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') record.push(field), (field = '');
    else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      if (ch === '\r') i++;
      record.push(field), records.push(record), (record = []), (field = '');
    } else field += ch;
  }
  if (field !== '' || record.length) record.push(field), records.push(record);
  return records;
}
