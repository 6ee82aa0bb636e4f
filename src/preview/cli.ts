import { promises as fs } from 'fs';
import { Readable } from 'stream';
import { parseArgs } from 'util';
import { JobPreview } from './job-preview';
import { PreviewScenario, parseScenario } from './scenario';
import { findJobs } from '../checks/documents';
import { parseDocument, splitDocuments } from '../checks/source';

/** Where the CLI reads and writes (the same shape as the check command's). */
export interface PreviewIo {
  readonly stdin: Readable;
  write(text: string): void;
  error(text: string): void;
}

export const PREVIEW_USAGE = `Usage:
  cdk8s-jobs preview <file|-> [--scenario S.yaml] [--format text|json|html] [--job NAME]

Plays a Job (or a CronJob's jobTemplate) forward as the Kubernetes 1.34 Job controller would: pod creation,
failures and their backoff, podFailurePolicy, per-index budgets, successPolicy, deadlines, suspension, and the final
conditions.

Options:
  --scenario FILE            what the pods do (default: every pod runs 30s and exits 0):
                               duration: 30s
                               exitCode: 0
                               pods:
                                 - index: [1, 3]     # or omit for every pod
                                   attempt: 0        # or omit for every attempt
                                   duration: 5s
                                   exitCode: 1       # or containers: {main: 42}
                                   condition: DisruptionTarget   # evicted at duration
                               events:
                                 - at: 2m
                                   suspend: true
  --format text|json|html    a timeline and summary (default), the result as JSON, or one self-contained HTML page
  --job NAME                 which Job, when the file holds several

Exit status: 0 the preview ran (whatever the Job's outcome), 2 the input or scenario could not be read.
`;

/** Files larger than this are refused rather than read. */
const MAX_BYTES = 64 * 1024 * 1024;

export async function runPreviewCli(argv: string[], io: PreviewIo): Promise<number> {
  const fail = (message: string) => {
    io.error(`cdk8s-jobs preview: ${message}\n`);
    return 2;
  };
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        scenario: { type: 'string' },
        format: { type: 'string', default: 'text' },
        job: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return fail(`${(error as Error).message}\n\n${PREVIEW_USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.write(PREVIEW_USAGE);
    return 0;
  }
  const format = values.format!;
  if (!['text', 'json', 'html'].includes(format)) return fail(`--format must be text, json or html, got ${JSON.stringify(format)}`);
  if (positionals.length !== 1) return fail(`give one file (or - for standard input)\n\n${PREVIEW_USAGE}`);
  const input = positionals[0];

  let scenario: PreviewScenario | undefined;
  if (values.scenario !== undefined) {
    try {
      scenario = parseScenario(await readBounded(values.scenario, io.stdin));
    } catch (error) {
      return fail(`${values.scenario}: ${(error as Error).message}`);
    }
  }
  let jobs;
  try {
    const text = await readBounded(input, io.stdin);
    jobs = splitDocuments(text).flatMap(d => findJobs(parseDocument(d).value));
  } catch (error) {
    return fail(`${input}: ${(error as Error).message}`);
  }
  const names = jobs.map(j => String(j.name ?? '(unnamed)'));
  if (values.job !== undefined) jobs = jobs.filter(j => j.name === values.job);
  if (jobs.length === 0) {
    return fail(values.job !== undefined
      ? `${input}: no Job or CronJob named ${JSON.stringify(values.job)} (found: ${names.join(', ') || 'none'})`
      : `${input}: no Job or CronJob found`);
  }
  if (jobs.length > 1) return fail(`${input} holds ${jobs.length} Jobs (${names.join(', ')}): pick one with --job NAME`);

  let preview: JobPreview;
  try {
    preview = JobPreview.ofManifest(jobs[0].job, { scenario });
  } catch (error) {
    return fail(`${input}: ${(error as Error).message}`);
  }
  if (format === 'json') io.write(JSON.stringify(preview.toJson(), null, 2) + '\n');
  else if (format === 'html') io.write(preview.toHtml());
  else io.write(preview.toText());
  return 0;
}

async function readBounded(file: string, stdin: Readable): Promise<string> {
  if (file !== '-') {
    const stat = await fs.stat(file);
    if (stat.size > MAX_BYTES) throw new Error(`${stat.size} bytes; the preview reads files up to ${MAX_BYTES} bytes`);
    return fs.readFile(file, 'utf8');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += buffer.length;
    if (size > MAX_BYTES) throw new Error(`standard input is over ${MAX_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
