// A group's help lists its commands before the options every command takes
// (gh prints inherited flags last); a mistyped choice gets the one it meant.
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/run-cli.js';

const headings = (help: string) => help.split('\n').filter((l) => /^[A-Z][a-z ]*:$/.test(l));

describe('help', () => {
  it.each([['spots'], ['market'], ['sandbox', 'price']])('of a group (%s): its commands, then the global options, then examples', async (...group) => {
    const r = await runInProcess([...group, '--help']);
    expect(r.code).toBe(0);
    expect(headings(r.stdout)).toEqual(['Options:', 'Commands:', 'Global options:', 'Examples:']);
  });

  it('of a command: its options, then the global options, then examples', async () => {
    const r = await runInProcess(['spots', 'list', '--help']);
    expect(headings(r.stdout)).toEqual(['Options:', 'Global options:', 'Examples:']);
  });

  it('of fas itself: unchanged, its own options', async () => {
    const r = await runInProcess(['--help']);
    expect(headings(r.stdout)).not.toContain('Global options:');
    expect(headings(r.stdout).indexOf('Options:')).toBeLessThan(headings(r.stdout).indexOf('Commands:'));
  });
});

describe('a value that is not among the choices', () => {
  it.each([
    ['tabel', 'table'],
    ['yml', 'yaml'],
    ['jsno', 'json'],
    ['Wide', 'wide'],
  ])('-o %s suggests %s', async (typed, meant) => {
    const r = await runInProcess(['-o', typed, 'spots', 'list']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `Error: option '-o, --output <format>' argument '${typed}' is invalid. Allowed choices are table, wide, json, jsonl, yaml, csv (did you mean ${meant}?)\nHint: see fas --help\n`,
    );
  });

  it('suggests nothing for a word that is no typo of one', async () => {
    const r = await runInProcess(['-o', 'xml', 'spots', 'list']);
    expect(r.stderr).toBe("Error: option '-o, --output <format>' argument 'xml' is invalid. Allowed choices are table, wide, json, jsonl, yaml, csv.\nHint: see fas --help\n");
  });

  it('suggests the state meant, on any option with choices', async () => {
    const r = await runInProcess(['spots', 'list', '--state', 'actve']);
    expect(r.stderr).toMatch(/Allowed choices are provisioning, active, terminating, removed \(did you mean active\?\)\n/);
  });

  it('fas config set output suggests too', async () => {
    const r = await runInProcess(['config', 'set', 'output', 'tabel']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("Error: invalid output 'tabel': expected table, wide, json, jsonl, yaml or csv (did you mean table?)\n");
  });
});
