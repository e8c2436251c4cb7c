export { loadResults } from './artilleryResults.ts';
export { loadRunMeta, type HealthCheckResult, type RunMeta } from './runMeta.ts';
export { writeFileAtomic } from './writeFileAtomic.ts';
export { writeRunReport } from './writeRunReport.ts';
