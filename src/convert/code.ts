import { Chart } from 'cdk8s';

/**
 * Where generated props are built for real: the converter synthesizes them itself to see what no prop covered.
 * `shared` holds what a declaration made, so that a volume mounted by two containers is one object, as in the app.
 */
export interface BuildContext {
  readonly chart: Chart;
  readonly shared: Map<string, unknown>;
}

/** A value both as TypeScript source and as the code that builds it. */
export interface Code {
  readonly code: string;
  readonly make: (context: BuildContext) => unknown;
  /** An options argument a call may leave out when it is empty. */
  readonly omittable?: boolean;
}

/** A JSON value as a literal, laid out as objectCode and arrayCode lay theirs out. */
export function literal(value: unknown): Code {
  let code: string;
  if (Array.isArray(value)) code = arrayCode(value.map(literal)).code;
  else if (value !== null && typeof value === 'object') code = objectCode(Object.entries(value).map(([k, v]) => [k, literal(v)])).code;
  else code = JSON.stringify(value);
  return { code, make: () => value };
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Longer than this, a literal is written one entry per line, as a person (or prettier) would. */
const LINE_WIDTH = 100;

/** `{ a: 1, b: 2 }` on one line, or one entry per line with a trailing comma when long or nested across lines. */
function layout(open: string, close: string, items: string[]): string {
  if (items.length === 0) return `${open}${close}`;
  const flat = open === '{' ? `{ ${items.join(', ')} }` : `[${items.join(', ')}]`;
  if (flat.length <= LINE_WIDTH && !flat.includes('\n')) return flat;
  return `${open}\n${items.map(item => `  ${item.replace(/\n/g, '\n  ')},`).join('\n')}\n${close}`;
}

/** A key as written in an object literal; `__proto__` is computed, since written plainly it would set the prototype. */
function propertyName(key: string): string {
  if (key === '__proto__') return '["__proto__"]';
  return IDENTIFIER.test(key) ? key : JSON.stringify(key);
}

/** An object literal of the entries that are present (undefined ones are left out). */
export function objectCode(entries: Array<[string, Code | undefined]>): Code {
  const present = entries.filter((e): e is [string, Code] => e[1] !== undefined);
  return {
    code: layout('{', '}', present.map(([k, v]) => `${propertyName(k)}: ${v.code}`)),
    make: context => Object.fromEntries(present.map(([k, v]) => [k, v.make(context)])),
  };
}

/** The options argument of a call: left out when it is empty. */
export function optionsCode(entries: Array<[string, Code | undefined]>): Code {
  return { ...objectCode(entries), omittable: true };
}

export function arrayCode(items: Code[]): Code {
  return { code: layout('[', ']', items.map(i => i.code)), make: context => items.map(i => i.make(context)) };
}

/** A call such as `Duration.seconds(30)`, given the function it stands for; empty trailing options are left out. */
export function callCode(callee: string, fn: (...args: any[]) => unknown, args: Code[]): Code {
  let written = args.length;
  while (written > 0 && args[written - 1].omittable && args[written - 1].code === '{}') written--;
  const shown = args.slice(0, written).map(a => a.code);
  const flat = `${callee}(${shown.join(', ')})`;
  // a call breaks later than a literal: its arguments read best together
  const long = flat.length > LINE_WIDTH + 20 || flat.includes('\n');
  return {
    code: long && shown.length > 1 ? `${callee}(\n${shown.map(a => `  ${a.replace(/\n/g, '\n  ')},`).join('\n')}\n)` : flat,
    make: context => fn(...args.map(a => a.make(context))),
  };
}

/** The member of an enum whose value is `value`, as `prefix.MEMBER`; undefined when no member has it. */
export function enumCode(enumObject: Record<string, unknown>, prefix: string, value: unknown): Code | undefined {
  const member = Object.keys(enumObject).find(key => enumObject[key] === value && IDENTIFIER.test(key));
  return member === undefined ? undefined : { code: `${prefix}.${member}`, make: () => value };
}

/** The chart the app's constructs go in: `chart` in the generated code. */
export const CHART: Code = { code: 'chart', make: context => context.chart };

/**
 * The `const` statements that come before a construct: volumes, secrets and service accounts it refers to, each made
 * once and named by what it is.
 */
export class Declarations {
  private statements: Array<{ key: string; name: string; line: string }> = [];
  private readonly byKey = new Map<string, Code>();
  private readonly names = new Set(['app', 'chart']);

  /** A variable name no other statement of the app uses. */
  public variable(base: string): string {
    let name = base;
    for (let n = 2; this.names.has(name); n++) name = `${base}${n}`;
    this.names.add(name);
    return name;
  }

  /** A variable holding `code`, declared once per key (the same secret named twice is one import). */
  public declare(key: string, variable: string, code: Code): Code {
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const name = this.variable(variable);
    this.statements.push({ key, name, line: `const ${name} = ${code.code};` });
    const declared: Code = {
      code: name,
      make: context => {
        if (!context.shared.has(key)) context.shared.set(key, code.make(context));
        return context.shared.get(key);
      },
    };
    this.byKey.set(key, declared);
    return declared;
  }

  /**
   * The statements declared since the last call that `code` uses, directly or through another statement, in order. A
   * mapping may declare a volume and then give up on the list it belongs to; nothing then refers to it.
   */
  public take(code: string): string[] {
    const kept: string[] = [];
    let uses = code;
    for (const { key, name, line } of [...this.statements].reverse()) {
      if (!new RegExp(`\\b${name}\\b`).test(uses)) {
        // not written, so a later construct that needs it declares it again
        this.byKey.delete(key);
        continue;
      }
      kept.unshift(line);
      uses += line;
    }
    this.statements = [];
    return kept;
  }
}

/** `some-name.v2` as `someNameV2`, a variable name. */
export function camelCase(text: string): string {
  const words = text.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase());
  const name = words.charAt(0).toLowerCase() + words.slice(1);
  return /^[A-Za-z_$]/.test(name) ? name : `_${name}`;
}
