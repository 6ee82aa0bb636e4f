import * as jsyaml from 'js-yaml';
import { KUBECTL_SCHEMA, checkAliasing, findUnwritableKey, hasNonFinite, nonFiniteSeen, unwritableKeysSeen } from './kubectl-yaml';

// read once: the namespace import turns each property read into a getter call, which hot loops notice
const { EVENT_DOCUMENT, EVENT_MAPPING, EVENT_POP, EVENT_SCALAR, EVENT_SEQUENCE } = jsyaml;
const { SCALAR_STYLE_DOUBLE_QUOTED, SCALAR_STYLE_FOLDED_BLOCK, SCALAR_STYLE_LITERAL_BLOCK, SCALAR_STYLE_SINGLE_QUOTED } = jsyaml;
const { constructFromEvents, getScalarValue, parseEvents } = jsyaml;

/** One YAML document of a stream, with the 1-based line on which it starts. */
export interface SourceDocument {
  readonly text: string;
  readonly line: number;
  /** Why the stream cannot be read from here on (a JSON stream that stops being JSON). @default - none */
  readonly error?: string;
  /** A value of a JSON stream, which kubectl decodes as JSON rather than YAML. @default false */
  readonly json?: boolean;
}

/** A document marker line: `---` or `...` at column 0 (YAML 1.2 §9.1), where it cannot be part of a scalar. */
const MARKER = /^(---|\.\.\.)(?=[ \t\r\n]|$)/gm;
/** A line that holds YAML content: not blank, not only a comment, not a directive, not a bare marker. */
const CONTENT = /^(?![ \t]*(?:#.*)?\r?$)(?!%)(?!(?:---|\.\.\.)[ \t]*(?:#.*)?\r?$)/m;

/**
 * Splits a YAML stream into documents as chunks arrive, so a stream of any length is never held whole. Each chunk
 * is scanned once for markers (with the incomplete line carried to the next), and a document's text is joined only
 * when it ends: time is linear in the input, however large one document is.
 */
export class DocumentSplitter {
  /** The current document's text so far, in complete lines. */
  private parts: string[] = [];
  /** The last, incomplete line. */
  private tail = '';
  /** The current document's first line number. */
  private docLine: number;

  constructor(firstLine = 1) {
    this.docLine = firstLine;
  }

  /** Adds text; returns the documents it completes. */
  public push(chunk: string): SourceDocument[] {
    const text = this.tail + chunk;
    const lastLine = text.lastIndexOf('\n') + 1;
    this.tail = text.slice(lastLine);
    const complete = lastLine === text.length ? text : text.slice(0, lastLine);
    const documents: SourceDocument[] = [];
    let from = 0;
    MARKER.lastIndex = 0;
    for (let match = MARKER.exec(complete); match !== null; match = MARKER.exec(complete)) {
      const lineEnd = complete.indexOf('\n', match.index);
      if (match[1] === '---') {
        this.parts.push(complete.slice(from, match.index));
        this.cut(documents, true);
        from = match.index;
      } else {
        this.parts.push(complete.slice(from, lineEnd + 1));
        this.cut(documents, false);
        from = lineEnd + 1;
      }
      MARKER.lastIndex = lineEnd + 1;
    }
    if (from < complete.length) this.parts.push(complete.slice(from));
    return documents;
  }

  /** The last document, if it holds anything. */
  public end(): SourceDocument[] {
    const documents = this.tail === '' ? [] : this.push('\n');
    this.cut(documents, false);
    return documents;
  }

  /**
   * Ends the current document. A document without content is dropped, except that before a `---` marker its
   * directives and comments stay with the next document.
   */
  private cut(documents: SourceDocument[], beforeMarker: boolean): void {
    const text = this.parts.length === 1 ? this.parts[0] : this.parts.join('');
    this.parts = [];
    const hasContent = CONTENT.test(text);
    if (!hasContent && beforeMarker && !/^---/m.test(text)) {
      this.parts.push(text);
      return;
    }
    // each document is its own YAML stream to kubectl, so a byte order mark may start any of them (after its marker)
    const body = text.includes('\ufeff') ? text.replace(/^((?:---[^\n]*\n)?)\ufeff/, '$1') : text;
    if (hasContent) documents.push({ text: body.endsWith('\n') ? body : body + '\n', line: this.docLine });
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.docLine++;
  }
}

/**
 * kubectl's NewYAMLOrJSONDecoder (k8s.io/apimachinery/pkg/util/yaml) reads a stream as concatenated JSON values
 * when it can, and as YAML documents otherwise: a JSON stream is split into its top-level values here (each is valid
 * YAML, so the same reader parses it). Should the stream turn out not to be JSON after at most one value, the rest
 * is read as YAML, as kubectl falls back; after more than one, it is refused, as kubectl refuses it.
 */
export class JsonStreamSplitter {
  private buffer = '';
  private scanned = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private start = -1;
  private line = 1;
  private startLine = 1;
  private count = 0;
  private yaml: DocumentSplitter | undefined;

  /** The stream stopped being readable: nothing after it is read. */
  private failed = false;

  public push(chunk: string): SourceDocument[] {
    if (this.failed) return [];
    if (this.yaml) return this.yaml.push(chunk);
    this.buffer += chunk;
    const documents: SourceDocument[] = [];
    const text = this.buffer;
    let i = this.scanned;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.line++;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 92) this.escaped = true;
        else if (c === 34) this.inString = false;
        continue;
      }
      if (c === 34 && this.depth > 0) {
        this.inString = true;
      } else if (c === 123 || c === 91) {
        if (this.depth === 0) {
          this.start = i;
          this.startLine = this.line;
        }
        this.depth++;
      } else if ((c === 125 || c === 93) && this.depth > 0) {
        this.depth--;
        if (this.depth === 0) {
          documents.push({ text: text.slice(this.start, i + 1) + '\n', line: this.startLine, json: true });
          this.count++;
          this.start = -1;
        }
      } else if (this.depth === 0 && c !== 32 && c !== 9 && c !== 10 && c !== 13) {
        // not a JSON value: kubectl reads the rest as YAML (from the line after the last value)
        if (this.count > 1) {
          // more than one JSON value read: kubectl no longer falls back to YAML, and stops here
          documents.push({ text: '', line: this.line, error: `the JSON stream continues with ${JSON.stringify(text.charAt(i))}, which does not begin a JSON value` });
          this.yaml = new DocumentSplitter(this.line);
          this.failed = true;
          this.buffer = '';
          this.scanned = 0;
          return documents;
        }
        const restLine = this.line;
        this.yaml = new DocumentSplitter(restLine);
        this.buffer = '';
        this.scanned = 0;
        return [...documents, ...this.yaml.push(text.slice(i))];
      }
    }
    // keep only the value in progress
    if (this.start >= 0) {
      this.buffer = text.slice(this.start);
      this.scanned = i - this.start;
      this.start = 0;
    } else {
      this.buffer = '';
      this.scanned = 0;
    }
    return documents;
  }

  public end(): SourceDocument[] {
    if (this.failed) return [];
    if (this.yaml) return this.yaml.end();
    // an unclosed value: the parser reports where it breaks
    return this.start >= 0 && this.buffer.trim() !== '' ? [{ text: this.buffer + '\n', line: this.startLine }] : [];
  }
}

/** The splitter kubectl's decoder would use for a stream that starts with `head`: JSON when it starts with "{". */
export function splitterFor(head: string): DocumentSplitter | JsonStreamSplitter {
  return /^\s*\{/.test(head) ? new JsonStreamSplitter() : new DocumentSplitter();
}

export function splitDocuments(text: string): SourceDocument[] {
  const splitter = splitterFor(text);
  return [...splitter.push(text), ...splitter.end()];
}

/** A parsed document: its value, and the parser events (with their source) that locate its fields. */
export interface ParsedDocument {
  readonly document: SourceDocument;
  readonly value: unknown;
  /** The batch's events; this document's run from `firstEvent` up to `endEvent`. */
  readonly events: readonly any[];
  readonly firstEvent: number;
  readonly endEvent: number;
  /** The text the events' offsets refer to, and where the document starts in it. */
  readonly source: string;
  readonly start: number;
}

/**
 * Parses one document as kubectl does (kubectl-yaml.ts: go-yaml v2 scalars, last duplicate wins, bounded aliasing).
 * The events are kept (building the value from them is faster than `load`), so positions need no second parse.
 */
export function parseDocument(document: SourceDocument): ParsedDocument {
  if (!document.json) refuseControlCharacters(document.text);
  const events = parseEvents(document.text, {} as any) as any[];
  checkAliasing(events, 0, events.length, document.text);
  const values = construct(events, document.text);
  return { document, value: values[0], events, firstEvent: 0, endEvent: events.length, source: document.text, start: 0 };
}

/**
 * go-yaml's reader takes only printable characters (yaml_parser_update_buffer): tab, line feed, carriage return,
 * U+0020 to U+007E, U+0085, U+00A0 to U+D7FF, U+E000 to U+FFFD and beyond U+FFFF. Anything else fails the whole
 * document with "control characters are not allowed", escaped or not, so the check runs on the raw text.
 */
const CONTROL_CHARACTER = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]/;

function refuseControlCharacters(text: string): void {
  const found = CONTROL_CHARACTER.exec(text);
  if (found === null) return;
  const line = text.slice(0, found.index).split('\n').length;
  const code = found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  throw new Error(`control characters are not allowed: U+${code} at line ${line} (kubectl's YAML reader refuses the document)`);
}

/** Builds the values as kubectl's decoder does (see kubectl-yaml.ts); a duplicate key's last value wins. */
function construct(events: any[], source: string): unknown[] {
  const before = nonFiniteSeen();
  const keysBefore = unwritableKeysSeen();
  const values = constructFromEvents(events as any, { schema: KUBECTL_SCHEMA, source, json: true } as any) as unknown[];
  // NaN and the infinities cannot be written as JSON: json.Marshal fails, and so does kubectl
  if (nonFiniteSeen() !== before && values.some(hasNonFinite)) throw new Error('json: unsupported value: NaN or Inf (.nan, .inf are not JSON numbers)');
  if (unwritableKeysSeen() !== keysBefore) {
    for (const value of values) {
      const refused = findUnwritableKey(value);
      if (refused !== undefined) throw new Error(refused);
    }
  }
  return values;
}

/**
 * Parses consecutive documents of one stream in a single call: js-yaml sets up its state per call, which
 * costs more than parsing a small document. Throws on any error; the caller then parses one by one.
 */
export function parseDocuments(documents: SourceDocument[]): ParsedDocument[] {
  // documents of a JSON stream have no marker between them: give each one, outside its own text
  const prefixes = documents.map(d => (d.text.startsWith('---') || d.text.startsWith('%') ? '' : '---\n'));
  const source = documents.map((d, i) => prefixes[i] + d.text).join('');
  if (documents.some(d => !d.json)) refuseControlCharacters(source);
  const events = parseEvents(source, {} as any) as any[];
  checkAliasing(events, 0, events.length, source);
  const values = construct(events, source);
  if (values.length !== documents.length) throw new Error('document split mismatch');
  const parsed: ParsedDocument[] = [];
  let start = 0;
  let from = 0;
  for (let i = 0; i < documents.length; i++) {
    let to = from + 1;
    while (to < events.length && events[to].type !== EVENT_DOCUMENT) to++;
    start += prefixes[i].length;
    parsed.push({ document: documents[i], value: values[i], events, firstEvent: from, endEvent: to, source, start });
    start += documents[i].text.length;
    from = to;
  }
  return parsed;
}

/** A 1-based line and column. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** `spec.template.spec.containers[0].image` or `metadata.labels[job-name]` as path segments; an empty `[]` ends the path. */
export function pathSegments(path: string): Array<string | number> {
  let segments = SEGMENT_CACHE.get(path);
  if (segments === undefined) {
    segments = parseSegments(path);
    if (SEGMENT_CACHE.size > 10000) SEGMENT_CACHE.clear();
    SEGMENT_CACHE.set(path, segments);
  }
  return segments;
}

/** Findings of many documents share their paths: parse each path once. */
const SEGMENT_CACHE = new Map<string, Array<string | number>>();

function parseSegments(path: string): Array<string | number> {
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

/** A field of a document: where it starts, and its own fields or items. */
interface LocatedNode {
  offset: number;
  children?: Map<string | number, LocatedNode>;
}

/**
 * Where each field path of a document starts in its text: the offset of the key (or of the sequence item).
 * Built from the parser's events, only for documents that have findings.
 */
export class DocumentLocator {
  private readonly root: LocatedNode = { offset: 0 };
  private readonly lineStarts: number[] = [0];
  private readonly document: SourceDocument;

  constructor(parsed: ParsedDocument) {
    this.document = parsed.document;
    const { events, start: base, endEvent } = parsed;
    const text = parsed.source;
    const own = parsed.document.text;
    for (let i = own.indexOf('\n'); i >= 0; i = own.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    // offsets relative to this document's own text
    const startOf = (event: any): number => {
      const start = event.start ?? event.valueStart ?? base;
      if (event.type !== EVENT_SCALAR) return start - base;
      // a quoted scalar starts at its quote, a block scalar at its | or > indicator, not at its content
      if (event.style === SCALAR_STYLE_SINGLE_QUOTED || event.style === SCALAR_STYLE_DOUBLE_QUOTED) return Math.max(0, start - base - 1);
      if (event.style === SCALAR_STYLE_LITERAL_BLOCK || event.style === SCALAR_STYLE_FOLDED_BLOCK) {
        return Math.max(text.lastIndexOf('|', start), text.lastIndexOf('>', start), base) - base;
      }
      return start - base;
    };
    let cursor = parsed.firstEvent;
    /** Consumes one node's events; records its fields or items under `node`. */
    const walk = (node: LocatedNode): void => {
      const event = events[cursor++];
      if (event.type === EVENT_MAPPING) {
        while (events[cursor].type !== EVENT_POP) {
          const keyEvent = events[cursor];
          const child: LocatedNode = { offset: startOf(keyEvent) };
          if (keyEvent.type === EVENT_SCALAR) {
            (node.children ??= new Map()).set(getScalarValue(text, keyEvent), child);
            cursor++;
          } else {
            walk({ offset: 0 }); // a complex key: skip it
          }
          walk(child);
        }
        cursor++;
      } else if (event.type === EVENT_SEQUENCE) {
        let index = 0;
        while (events[cursor].type !== EVENT_POP) {
          const child: LocatedNode = { offset: startOf(events[cursor]) };
          (node.children ??= new Map()).set(index++, child);
          walk(child);
        }
        cursor++;
      }
    };
    while (cursor < endEvent) {
      const type = events[cursor].type;
      if (type === EVENT_MAPPING || type === EVENT_SEQUENCE) {
        this.root.offset = startOf(events[cursor]);
        walk(this.root);
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
    let node = this.root;
    let offset = this.root.offset;
    for (let depth = 0; depth < segments.length; depth++) {
      const child = node.children?.get(segments[depth]);
      if (child === undefined) break;
      node = child;
      if (depth + 1 >= floor) offset = child.offset;
    }
    // the last line starting at or before the offset
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (this.lineStarts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: this.document.line + low, column: offset - this.lineStarts[low] + 1 };
  }
}
