import { createReadStream } from 'fs';
import { Readable } from 'stream';
import { findJobs } from './documents';
import { CheckOptions, checkTarget } from './engine';
import { Finding, RuleSeverity } from './rule';
import { DocumentLocator, DocumentSplitter, ParsedDocument, SourceDocument, parseDocument, parseDocuments } from './source';

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
  public readonly counts: Record<RuleSeverity, number> = { error: 0, warning: 0, info: 0 };
  public documents = 0;
  public jobs = 0;

  constructor(private readonly sink?: (finding: LocatedFinding) => void) {}

  /** Takes one document's findings. */
  public add(findings: LocatedFinding[]): void {
    findings.sort((a, b) => a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
    for (const finding of findings) {
      this.counts[finding.severity]++;
      if (this.sink) this.sink(finding);
      else this.findings.push(finding);
    }
  }
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
export async function checkStream(input: Readable, file: string, options: CheckOptions = {}, result = new CheckResult()): Promise<CheckResult> {
  const splitter = new DocumentSplitter();
  const checker = new DocumentChecker(file, options, result);
  input.setEncoding('utf8');
  for await (const chunk of input) {
    splitter.push(chunk as string).forEach(document => checker.add(document));
  }
  splitter.end().forEach(document => checker.add(document));
  checker.flush();
  return result;
}

export async function checkFile(path: string, options: CheckOptions = {}, result = new CheckResult()): Promise<CheckResult> {
  return checkStream(createReadStream(path, { encoding: 'utf8' }), path, options, result);
}
