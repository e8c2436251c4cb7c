export { loadResults } from './artilleryResults.ts';
export { loadRunMeta } from './runMeta.ts';
export { writeFileAtomic } from './writeFileAtomic.ts';
export { writeRunReport } from './writeRunReport.ts';
