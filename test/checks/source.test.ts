import { DocumentLocator, parseDocument, parseDocuments, pathSegments, splitDocuments } from '../../src/checks/source';

const values = (text: string) => splitDocuments(text).map(d => parseDocument(d).value);

describe('splitDocuments', () => {
  test('splits at column-0 markers and keeps each document\'s first line', () => {
    const docs = splitDocuments('# header\na: 1\n---\nb: 2\n--- # comment\nc: 3\n');
    expect(docs.map(d => d.line)).toEqual([1, 3, 5]);
    expect(docs.map(d => parseDocument(d).value)).toEqual([{ a: 1 }, { b: 2 }, { c: 3 }]);
  });

  test('drops empty documents and comment-only ones', () => {
    expect(values('---\n---\n# only a comment\n---\na: 1\n---\n')).toEqual([{ a: 1 }]);
  });

  test('an indented --- inside a block scalar is text, and ... ends a document before the next one\'s directives', () => {
    expect(values('x: |\n  --- not a marker\n...\n%YAML 1.1\n---\nz: 2\n')).toEqual([{ x: '--- not a marker\n' }, { z: 2 }]);
  });

  test('content on the marker line and CRLF line endings', () => {
    expect(values('--- {a: 1}\r\n--- |\r\n  text\r\n')).toEqual([{ a: 1 }, 'text\n']);
  });

  test('parses YAML 1.1 like kubectl: yes is true, 017 is octal', () => {
    expect(values('a: yes\nb: off\nc: 017\nd: "yes"\n')).toEqual([{ a: true, b: false, c: 15, d: 'yes' }]);
  });
});

describe('DocumentLocator', () => {
  const text = 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  labels:\n    "batch.kubernetes.io/job-name": x\nspec:\n  template:\n    spec:\n'
    + '      containers:\n        - name: c\n          args:\n            - |\n              multi\n';
  const [document] = splitDocuments(`---\n${text}`);
  const locator = new DocumentLocator(parseDocument(document));

  test('points at keys, sequence items, quoted keys and block scalars (1-based)', () => {
    expect(locator.locate('kind', '')).toEqual({ line: 3, column: 1 });
    expect(locator.locate('metadata.labels[batch.kubernetes.io/job-name]', '')).toEqual({ line: 6, column: 5 });
    expect(locator.locate('spec.template.spec.containers[0]', '')).toEqual({ line: 11, column: 11 });
    expect(locator.locate('spec.template.spec.containers[0].args[0]', '')).toEqual({ line: 13, column: 15 });
  });

  test('an absent field points at its nearest present parent, never above the Job', () => {
    expect(locator.locate('spec.template.spec.containers[0].securityContext.runAsNonRoot', '')).toEqual({ line: 11, column: 11 });
    expect(locator.locate('spec.podFailurePolicy.rules[].action', 'spec')).toEqual({ line: 7, column: 1 });
  });

  test('path segments: dotted keys in brackets, indexes, and [] ending the path', () => {
    expect(pathSegments('metadata.annotations[suppress.cdk8s-jobs.io/JOB202]')).toEqual(['metadata', 'annotations', 'suppress.cdk8s-jobs.io/JOB202']);
    expect(pathSegments('items[3].spec.rules[].action')).toEqual(['items', 3, 'spec', 'rules']);
  });
});

describe('parseDocuments', () => {
  test('parses consecutive documents in one call, each locating its own fields', () => {
    const docs = splitDocuments('a: 1\n---\nb:\n  c: 2\n---\nd: [3]\n');
    const parsed = parseDocuments(docs);
    expect(parsed.map(p => p.value)).toEqual([{ a: 1 }, { b: { c: 2 } }, { d: [3] }]);
    expect(new DocumentLocator(parsed[1]).locate('b.c', '')).toEqual({ line: 4, column: 3 });
    expect(new DocumentLocator(parsed[2]).locate('d[0]', '')).toEqual({ line: 6, column: 5 });
  });

  test('throws when a document of the batch does not parse (the caller then parses one by one)', () => {
    expect(() => parseDocuments(splitDocuments('a: 1\n---\nb: [\n'))).toThrow();
  });
});
