import * as jsyaml from 'js-yaml';

/** One YAML document of a stream, with the 1-based line on which it starts. */
export interface SourceDocument {
  readonly text: string;
  readonly line: number;
}

const DOCUMENT_START = /^---(?:[ \t].*)?$/;
const DOCUMENT_END = /^\.\.\.(?:[ \t].*)?$/;
const NOTHING = /^\s*(?:#.*)?$|^%/;

/**
 * Splits a YAML stream into documents line by line, so a stream of any length is never held whole.
 * A document marker only counts at column 0 (YAML 1.2 §9.1), where it cannot be part of a scalar.
 */
export class DocumentSplitter {
  private lines: string[] = [];
  private startLine = 1;
  private lineNumber = 0;
  private hasContent = false;
  private hasMarker = false;

  /** Adds one line (without its newline); returns the document it completes, if any. */
  public push(line: string): SourceDocument | undefined {
    this.lineNumber++;
    let done: SourceDocument | undefined;
    const marker = DOCUMENT_START.test(line);
    if (marker) {
      if (this.hasContent) {
        done = this.take();
      } else if (this.hasMarker) {
        this.lines = []; // an empty document: nothing to check
      }
      this.hasMarker = true;
      // content on the marker line itself (`--- |`, `--- {a: 1}`)
      if (!/^---\s*(#.*)?$/.test(line)) this.hasContent = true;
    } else if (!NOTHING.test(line)) {
      this.hasContent = true;
    }
    if (this.lines.length === 0) this.startLine = this.lineNumber;
    this.lines.push(line);
    if (DOCUMENT_END.test(line)) {
      return done ?? (this.hasContent ? this.take() : this.discard());
    }
    return done;
  }

  /** The last document, if it holds anything. */
  public end(): SourceDocument | undefined {
    return this.hasContent ? this.take() : undefined;
  }

  private take(): SourceDocument {
    const document = { text: this.lines.join('\n') + '\n', line: this.startLine };
    this.discard();
    return document;
  }

  private discard(): undefined {
    this.lines = [];
    this.hasContent = false;
    this.hasMarker = false;
    return undefined;
  }
}

export function splitDocuments(text: string): SourceDocument[] {
  const splitter = new DocumentSplitter();
  const documents: SourceDocument[] = [];
  for (const line of text.split(/\r?\n/)) {
    const done = splitter.push(line);
    if (done) documents.push(done);
  }
  const last = splitter.end();
  if (last) documents.push(last);
  return documents;
}

/** A parsed document: its value, and the parser events that locate its fields. */
export interface ParsedDocument {
  readonly value: unknown;
  readonly events: readonly any[];
}

/**
 * Parses one document as kubectl does: YAML 1.1, so `yes`/`no`/`on`/`off` are booleans. The events are kept
 * (building the value from them is faster than `load`), so positions need no second parse.
 */
export function parseDocument(document: SourceDocument): ParsedDocument {
  const events = jsyaml.parseEvents(document.text, {} as any) as any[];
  const values = jsyaml.constructFromEvents(events as any, { schema: jsyaml.YAML11_SCHEMA, source: document.text } as any) as unknown[];
  return { value: values[0], events };
}

/** A 1-based line and column. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** `spec.template.spec.containers[0].image` or `metadata.labels[job-name]` as path segments; an empty `[]` ends the path. */
export function pathSegments(path: string): Array<string | number> {
  const segments: Array<string | number> = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[([^\]]*)\]/g)) {
    if (match[1] !== undefined) {
      segments.push(match[1]);
    } else if (match[2] === '') {
      break;
    } else {
      segments.push(/^\d+$/.test(match[2]) ? Number(match[2]) : match[2]);
    }
  }
  return segments;
}

/**
 * Where each field path of a document starts in its text: the offset of the key (or of the sequence item).
 * Built from js-yaml's events, only for documents that have findings.
 */
export class DocumentLocator {
  private readonly offsets = new Map<string, number>();
  private readonly lineStarts: number[] = [0];

  constructor(private readonly document: SourceDocument, events: readonly any[]) {
    const text = document.text;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    let cursor = 0;
    const startOf = (event: any): number => {
      const start = event.start ?? event.valueStart ?? 0;
      if (event.type !== jsyaml.EVENT_SCALAR) return start;
      // a quoted scalar starts at its quote, a block scalar at its | or > indicator, not at its content
      if (event.style === jsyaml.SCALAR_STYLE_SINGLE_QUOTED || event.style === jsyaml.SCALAR_STYLE_DOUBLE_QUOTED) return Math.max(0, start - 1);
      if (event.style === jsyaml.SCALAR_STYLE_LITERAL_BLOCK || event.style === jsyaml.SCALAR_STYLE_FOLDED_BLOCK) {
        return Math.max(text.lastIndexOf('|', start), text.lastIndexOf('>', start), 0);
      }
      return start;
    };
    const walk = (key: string): void => {
      const event = events[cursor++];
      if (event.type === jsyaml.EVENT_MAPPING) {
        while (events[cursor].type !== jsyaml.EVENT_POP) {
          const keyEvent = events[cursor];
          const name = keyEvent.type === jsyaml.EVENT_SCALAR ? jsyaml.getScalarValue(text, keyEvent) : '?';
          const child = `${key}\u0000${name}`;
          this.offsets.set(child, startOf(keyEvent));
          walk(child + '\u0001'); // the key node itself
          walk(child);
        }
        cursor++;
      } else if (event.type === jsyaml.EVENT_SEQUENCE) {
        let index = 0;
        while (events[cursor].type !== jsyaml.EVENT_POP) {
          const child = `${key}\u0000${index++}`;
          this.offsets.set(child, startOf(events[cursor]));
          walk(child);
        }
        cursor++;
      }
    };
    while (cursor < events.length) {
      if (events[cursor].type === jsyaml.EVENT_MAPPING || events[cursor].type === jsyaml.EVENT_SEQUENCE) {
        this.offsets.set('', startOf(events[cursor]));
        walk('');
      } else {
        cursor++;
      }
    }
  }

  /**
   * The position of `path`; for an absent field, of its nearest present ancestor within the Job (`fallback`),
   * else of the Job, else of the document.
   */
  public locate(path: string, fallback: string): Position {
    const segments = pathSegments(path);
    const floor = pathSegments(fallback).length;
    let offset: number | undefined;
    for (let length = segments.length; offset === undefined && length >= floor; length--) {
      offset = this.offsets.get(segments.slice(0, length).map(segment => `\u0000${segment}`).join(''));
    }
    offset ??= this.offsets.get('') ?? 0;
    let line = 0;
    while (line + 1 < this.lineStarts.length && this.lineStarts[line + 1] <= offset) line++;
    return { line: this.document.line + line, column: offset - this.lineStarts[line] + 1 };
  }
}
