import { EXTRACTORS } from './catalogue.ts';
import { hostileText } from './fixtures/hostile.ts';

for (const e of EXTRACTORS) {
  const t = hostileText(e.name, 4 * 1024 * 1024);
  const s = performance.now();
  const n = e.mayMatch(t) ? e.extract(t).length : -1;
  console.log(e.name.padEnd(26), (performance.now() - s).toFixed(0).padStart(6), 'ms', n);
}
