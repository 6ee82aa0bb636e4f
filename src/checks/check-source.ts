import { isUtf8 } from 'buffer';
import { createReadStream } from 'fs';
import { Readable } from 'stream';
import { findJobs } from './documents';
import { CheckOptions, checkTarget } from './engine';
import { Finding, RuleSeverity } from './rule';
import { DocumentLocator, DocumentSplitter, JsonStreamSplitter, ParsedDocument, SourceDocument, parseDocument, parseDocuments, splitterFor } from './source';

/** A finding with where it is in the source. */
export interface LocatedFinding extends Finding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** An input that could not be read or parsed. */
export interface InputProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/**
 * What a check found. Findings are kept in `findings`, or, given a sink, handed to it as each document is
 * checked (in position order) and only counted, so a stream of any length checks in flat memory.
 */
export class CheckResult {
  public readonly findings: LocatedFinding[] = [];
  public readonly problems: InputProblem[] = [];
  /** Paths a directory held that were not read, and why (not YAML, a broken link, a loop). */
  public readonly skipped: Array<{ readonly file: string; readonly reason: string }> = [];
  public readonly counts: Record<RuleSeverity, number> = { error: 0, warning: 0, info: 0 };
  public documents = 0;
  public jobs = 0;

  constructor(private readonly sink?: (finding: LocatedFinding) => void) {}

  /** Takes one document's findings. */
  public add(findings: LocatedFinding[]): void {
    for (const finding of inPositionOrder(findings)) {
      this.counts[finding.severity]++;
      if (this.sink) this.sink(finding);
      else this.findings.push(finding);
    }
  }
}

const byPosition = (a: LocatedFinding, b: LocatedFinding) => a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);

/**
 * Findings by line, then column and rule. A document may hold tens of thousands of findings (a List of every Job,
 * a pod of thousands of containers): lines are bucketed, so the order costs linear time, and only the few findings
 * of one line are compared.
 */
function inPositionOrder(findings: LocatedFinding[]): LocatedFinding[] {
  if (findings.length < 64) return findings.sort((a, b) => a.line - b.line || byPosition(a, b));
  let first = Infinity;
  let last = -Infinity;
  for (const f of findings) {
    if (f.line < first) first = f.line;
    if (f.line > last) last = f.line;
  }
  const buckets: LocatedFinding[][] = Array.from({ length: last - first + 1 }, () => []);
  for (const f of findings) buckets[f.line - first].push(f);
  const ordered: LocatedFinding[] = [];
  for (const bucket of buckets) {
    if (bucket.length > 1) bucket.sort(byPosition);
    for (const f of bucket) ordered.push(f);
  }
  return ordered;
}

/** Documents parsed in one js-yaml call: its per-call setup costs more than a small document. */
const BATCH_SIZE = 64;

/**
 * Takes documents in stream order, parses them in batches and checks each; positions are computed only for
 * documents with findings.
 */
class DocumentChecker {
  private batch: SourceDocument[] = [];

  constructor(private readonly file: string, private readonly options: CheckOptions, private readonly result: CheckResult) {}

  public add(document: SourceDocument): void {
    if (document.error !== undefined) {
      this.flush();
      this.result.problems.push({ file: this.file, line: document.line, column: 1, message: document.error });
      return;
    }
    this.batch.push(document);
    if (this.batch.length >= BATCH_SIZE) this.flush();
  }

  public flush(): void {
    const batch = this.batch;
    this.batch = [];
    if (batch.length === 0) return;
    let parsed: ParsedDocument[] | undefined;
    try {
      parsed = parseDocuments(batch);
    } catch {
      // a document of the batch does not parse: parse one by one, so the error is reported where it is
    }
    if (parsed) {
      parsed.forEach(p => this.check(p));
      return;
    }
    for (const document of batch) {
      let one: ParsedDocument;
      try {
        one = parseDocument(document);
      } catch (error: any) {
        const mark = error.mark ?? { line: 0, column: 0 };
        const message = String(error.reason ?? error.message);
        this.result.problems.push({ file: this.file, line: document.line + mark.line, column: mark.column + 1, message });
        continue;
      }
      this.check(one);
    }
  }

  private check(parsed: ParsedDocument): void {
    this.result.documents++;
    let locator: DocumentLocator | undefined;
    const located: LocatedFinding[] = [];
    for (const target of findJobs(parsed.value)) {
      this.result.jobs++;
      const jobPath = target.pathPrefix.endsWith('.') ? target.pathPrefix.slice(0, -1) : target.pathPrefix;
      for (const finding of checkTarget(target, this.options)) {
        locator ??= new DocumentLocator(parsed);
        const { line, column } = locator.locate(finding.path, jobPath);
        // the finding is ours and fresh: add its place rather than copy it
        const place = finding as { -readonly [K in keyof LocatedFinding]: LocatedFinding[K] };
        place.file = this.file;
        place.line = line;
        place.column = column;
        located.push(place);
      }
    }
    if (located.length > 0) this.result.add(located);
  }
}

/** Checks a stream as its chunks arrive, holding one batch of documents at a time. */
/**
 * How much of `bytes` is whole, valid UTF-8: `end` is where a sequence is cut off by the chunk's end, `invalidAt`
 * the first byte no UTF-8 decoder accepts (the Unicode standard's well-formed table, as Go's decoder applies it).
 */
export function scanUtf8(bytes: Uint8Array): { end: number; invalidAt?: number } {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {length = 2;} else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else {return { end: i, invalidAt: i };}
    for (let k = 1; k < length; k++) {
      if (i + k >= bytes.length) return { end: i };
      const c = bytes[i + k];
      if (c < (k === 1 ? low : 0x80) || c > (k === 1 ? high : 0xbf)) return { end: i, invalidAt: i };
    }
    i += length;
  }
  return { end: bytes.length };
}

/** Where a chunk's last character may be cut off: the start of a trailing incomplete sequence, or the end. */
function wholeCharactersEnd(bytes: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const b = bytes[bytes.length - back];
    if (b < 0x80) return bytes.length;
    if (b >= 0xc0) {
      const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return back < length ? bytes.length - back : bytes.length;
    }
  }
  return bytes.length;
}

/** scanUtf8, with the native validator for the common case of a valid chunk. */
function validUtf8Prefix(bytes: Buffer): { end: number; invalidAt?: number } {
  const end = wholeCharactersEnd(bytes);
  if (isUtf8(bytes.subarray(0, end))) return { end };
  return scanUtf8(bytes);
}

/**
 * Checks a stream as its chunks arrive, holding one batch of documents at a time. The bytes must be UTF-8, as
 * kubectl requires: at the first invalid byte the input is refused (a problem with its line), not repaired.
 */
export async function checkStream(input: Readable, file: string, options: CheckOptions = {}, result = new CheckResult()): Promise<CheckResult> {
  let splitter: DocumentSplitter | JsonStreamSplitter | undefined;
  let leading = '';
  const checker = new DocumentChecker(file, options, result);
  let pending: Buffer = Buffer.alloc(0);
  let line = 1;
  for await (const chunk of input) {
    const bytes: Buffer = pending.length > 0 ? Buffer.concat([pending, chunk as Buffer]) : (typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    const { end, invalidAt } = validUtf8Prefix(bytes);
    const text = bytes.toString('utf8', 0, end);
    if (invalidAt !== undefined) {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) line++;
      result.problems.push({ file, line, column: 1, message: `invalid UTF-8 (byte 0x${bytes[invalidAt].toString(16)}); kubectl refuses the file` });
      return result;
    }
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) line++;
    pending = bytes.subarray(end);
    if (splitter === undefined) {
      // decide on the first character that is not white space; the white space before it keeps its lines
      leading += text;
      if (leading.trim() === '') continue;
      splitter = splitterFor(leading);
      splitter.push(leading).forEach(document => checker.add(document));
      continue;
    }
    splitter.push(text).forEach(document => checker.add(document));
  }
  if (pending.length > 0) {
    result.problems.push({ file, line, column: 1, message: 'invalid UTF-8 (the input ends inside a character); kubectl refuses the file' });
    return result;
  }
  (splitter?.end() ?? []).forEach(document => checker.add(document));
  checker.flush();
  return result;
}

export async function checkFile(path: string, options: CheckOptions = {}, result = new CheckResult()): Promise<CheckResult> {
  return checkStream(createReadStream(path), path, options, result);
}
