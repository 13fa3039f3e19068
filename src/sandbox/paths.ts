// Where a sandbox keeps its data. Kept apart from the server so that
// `fas sandbox stop|status` need not load the database.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(): string {
  const home = homedir();
  switch (process.platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'fas', 'sandbox');
    case 'win32':
      return join(process.env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'fas', 'sandbox');
    default:
      return join(process.env.XDG_DATA_HOME || join(home, '.local', 'share'), 'fas', 'sandbox');
  }
}

export const stateFile = (dataDir: string) => join(dataDir, 'sandbox.json');
export const tokenFile = (dataDir: string) => join(dataDir, 'token');
export const logFile = (dataDir: string) => join(dataDir, 'sandbox.log');
export const databaseFile = (dataDir: string) => join(dataDir, 'sandbox.db');

export interface SandboxState {
  pid: number;
  url: string;
  host: string;
  port: number;
  started_at: string;
}
