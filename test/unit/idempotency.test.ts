import { describe, expect, it } from 'vitest';
import { commandKey, commandKeys, resumeCommand } from '../../src/cli/shared/idempotency.js';

describe('resumeCommand', () => {
  it('is the same command line with the key last', () => {
    expect(resumeCommand(['spots', 'add', '--wait', '--json'], 'k-1')).toBe('fas spots add --wait --json --idempotency-key k-1');
  });

  it('replaces a key given before, in either form', () => {
    expect(resumeCommand(['spots', 'add', '--idempotency-key', 'old', '--wait'], 'new')).toBe('fas spots add --wait --idempotency-key new');
    expect(resumeCommand(['--idempotency-key=old', 'spots', 'add'], 'new')).toBe('fas spots add --idempotency-key new');
  });

  it('never shows the token', () => {
    expect(resumeCommand(['--token', 's3cret', 'spots', 'add'], 'k')).toBe('fas --token TOKEN spots add --idempotency-key k');
    expect(resumeCommand(['spots', 'add', '--token=s3cret'], 'k')).toBe('fas spots add --token TOKEN --idempotency-key k');
  });

  it("puts the price a strategy chose in place of the strategy, so the rerun's body is the same", () => {
    const argv = ['bids', 'create', '--metro', 'sv', '--plan', 'c3.small', '--min', '1', '--max', '2', '--strategy', 'balanced', '--lookback=3d', '--wait'];
    expect(resumeCommand(argv, 'k', { drop: ['--strategy', '--lookback'], add: ['--max-price', '0.2875'] })).toBe(
      'fas bids create --metro sv --plan c3.small --min 1 --max 2 --wait --max-price 0.2875 --idempotency-key k',
    );
  });

  it('quotes for a POSIX shell what needs quoting', () => {
    expect(resumeCommand(['bids', 'create', '--hostname', "it's a box"], 'job 7; rm -rf ~')).toBe(
      `fas bids create --hostname 'it'\\''s a box' --idempotency-key 'job 7; rm -rf ~'`,
    );
  });
});

describe('commandKey', () => {
  it('takes the flag, else FAS_IDEMPOTENCY_KEY, else makes a UUID', async () => {
    expect(await commandKey('flag-key', { FAS_IDEMPOTENCY_KEY: 'env-key' })).toBe('flag-key');
    expect(await commandKey(undefined, { FAS_IDEMPOTENCY_KEY: 'env-key' })).toBe('env-key');
    expect(await commandKey(undefined, { FAS_IDEMPOTENCY_KEY: '' })).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await commandKey(undefined, {})).not.toBe(await commandKey(undefined, {}));
  });

  it('takes 1 to 255 printable ASCII characters, inner spaces too', async () => {
    for (const ok of ['a', '~', 'job 7', 'x'.repeat(255), '!#$%&()*+,-./:;<=>?@[]^_`{|}']) expect(await commandKey(ok, {})).toBe(ok);
    for (const bad of ['', ' ', ' a', 'a ', 'x'.repeat(256), 'é', 'a\u0000b', 'a\u007fb', 'a\tb']) {
      await expect(commandKey(bad, {}), JSON.stringify(bad)).rejects.toThrow(/expected 1 to 255 printable ASCII characters/);
    }
  });
});

describe('commandKeys', () => {
  it('sends one id with the key itself, and each of several with KEY:ID', async () => {
    expect(await commandKeys('job-7', {}, ['1a2b'])).toEqual({ key: 'job-7', keys: ['job-7'] });
    expect(await commandKeys(undefined, { FAS_IDEMPOTENCY_KEY: 'job-8' }, ['1a2b', '10.0.0.2'])).toEqual({ key: 'job-8', keys: ['job-8:1a2b', 'job-8:10.0.0.2'] });
    const made = await commandKeys(undefined, {}, ['a', 'b']);
    expect(made.keys).toEqual([`${made.key}:a`, `${made.key}:b`]);
  });

  it('refuses a key that the id would make too long, naming where it came from', async () => {
    const long = 'k'.repeat(250);
    await expect(commandKeys(long, {}, ['1a2b', 'ffffffff'])).rejects.toThrow(
      `--idempotency-key '${long}' with the id 'ffffffff' makes the key '${long}:ffffffff', which is not one: at most 255 printable ASCII characters`,
    );
    await expect(commandKeys(undefined, {}, ['a', 'ключ'])).rejects.toThrow(/^a key with the id 'ключ' makes the key '[0-9a-f-]{36}:ключ', which is not one/);
  });
});
