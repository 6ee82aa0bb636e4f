/**
 * Every preview scenario `npm run conformance` plays on the real Job controller: the scenarios translated from the
 * controller's own tests (each intermediate check too), the docs' examples, and generated Jobs and scenarios.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { generatePreviewCases } from './generate-previews';
import { PreviewCase } from './preview-diff';
import { parseDocument, splitDocuments } from '../src/checks/source';
import { parseScenario } from '../src/preview/scenario';
import { CASES, DOCS_SCENARIOS, manifest, scenarioText } from '../test/preview/upstream-cases';

export function previewCases(seed: number, generated: number): PreviewCase[] {
  const cases: PreviewCase[] = [];
  for (const [name, c] of Object.entries(CASES)) {
    for (const until of [...(c.at ?? []).map(([seconds]) => seconds), undefined]) {
      cases.push({
        id: `preview/upstream/${name}${until !== undefined ? ` @${until}s` : ''}`,
        job: manifest(c.spec, c.pod),
        scenario: parseScenario(scenarioText(c, until)),
      });
    }
  }
  for (const [name, { fixture, scenario }] of Object.entries(DOCS_SCENARIOS)) {
    const text = readFileSync(path.join(__dirname, '../test/fixtures/kubernetes-docs', fixture), 'utf8');
    const job = parseDocument(splitDocuments(text).find(d => d.text.includes('kind'))!).value;
    cases.push({ id: `preview/docs/${name}`, job, scenario: parseScenario(scenario) });
  }
  return [...cases, ...generatePreviewCases(seed, generated)];
}
