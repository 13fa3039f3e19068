// Shared by the CLI's config file and the sandbox's data directory, which
// fail the same ways.

/** A file system error's reason in words a user can act on; the code itself only when it is a rare one. */
export function systemReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOTDIR':
      return 'part of that path is a file, not a directory';
    case 'EISDIR':
      return 'it is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return code ?? (err as Error).message;
  }
}
