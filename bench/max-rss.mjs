// Loaded with --import into a measured process: on exit it writes its peak
// resident set size (KiB) to the file named by FAS_BENCH_RSS_FILE.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  writeFileSync(process.env.FAS_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
