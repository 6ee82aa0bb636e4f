import { createReadStream } from 'fs';
import { createInterface } from 'readline';
import { Readable } from 'stream';
import { findJobs } from './documents';
import { CheckOptions, checkTarget } from './engine';
import { Finding } from './rule';
import { DocumentLocator, DocumentSplitter, ParsedDocument, SourceDocument, parseDocument } from './source';

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

export class CheckResult {
  public readonly findings: LocatedFinding[] = [];
  public readonly problems: InputProblem[] = [];
  public documents = 0;
  public jobs = 0;
}

/** Parses and checks one document; positions are computed only when it has findings. */
export function checkDocument(document: SourceDocument, file: string, options: CheckOptions, result: CheckResult): void {
  let parsed: ParsedDocument;
  try {
    parsed = parseDocument(document);
  } catch (error: any) {
    const mark = error.mark ?? { line: 0, column: 0 };
    result.problems.push({ file, line: document.line + mark.line, column: mark.column + 1, message: String(error.reason ?? error.message) });
    return;
  }
  result.documents++;
  let locator: DocumentLocator | undefined;
  for (const target of findJobs(parsed.value)) {
    result.jobs++;
    for (const finding of checkTarget(target, options)) {
      locator ??= new DocumentLocator(document, parsed.events);
      const { line, column } = locator.locate(finding.path, target.pathPrefix.replace(/\.$/, ''));
      result.findings.push({ ...finding, file, line, column });
    }
  }
}

/** Checks a whole YAML text (one or many documents). */
export function checkText(text: string, file: string, options: CheckOptions = {}, result = new CheckResult()): CheckResult {
  const splitter = new DocumentSplitter();
  for (const line of text.split(/\r?\n/)) {
    const document = splitter.push(line);
    if (document) checkDocument(document, file, options, result);
  }
  const last = splitter.end();
  if (last) checkDocument(last, file, options, result);
  return result;
}

/** Checks a stream line by line, holding one document at a time. */
export async function checkStream(input: Readable, file: string, options: CheckOptions = {}, result = new CheckResult()): Promise<CheckResult> {
  const splitter = new DocumentSplitter();
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    const document = splitter.push(line);
    if (document) checkDocument(document, file, options, result);
  }
  const last = splitter.end();
  if (last) checkDocument(last, file, options, result);
  return result;
}

export async function checkFile(path: string, options: CheckOptions = {}, result = new CheckResult()): Promise<CheckResult> {
  return checkStream(createReadStream(path, { encoding: 'utf8' }), path, options, result);
}
