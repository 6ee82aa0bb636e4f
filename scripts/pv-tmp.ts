import { previewCases } from '../conformance/preview-cases';
import { compareWithController } from '../conformance/preview-diff';
const v = compareWithController('conformance/.bin/controller-probe', previewCases(Number(process.argv[2]), Number(process.argv[3])));
console.log(v.filter(x => x.agree).length, v.length);
for (const x of v.filter(x => !x.agree).slice(0, 10)) console.log(x.id, x.detail);
